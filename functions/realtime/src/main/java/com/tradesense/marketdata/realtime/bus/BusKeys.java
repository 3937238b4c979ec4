package com.tradesense.marketdata.realtime.bus;

import com.tradesense.marketdata.stream.Channel;

/**
 * Redis names of services mode, all under one prefix. The key (symbol or market code) is in braces so a
 * Redis Cluster keeps one key's state and streams in one slot (the publish script touches both).
 *
 * <ul>
 *   <li>{@code <p>:state:{KEY}}: hash with {@code seq:<channel>} (last seq) and {@code <channel>} (the frame
 *       a snapshot is made of: last level 1, whole book, last status)</li>
 *   <li>{@code <p>:ev:{KEY}:<channel>}: stream of the frames, id {@code <seq>-0}, capped ({@code MAXLEN ~})</li>
 *   <li>{@code <p>:live:{KEY}}: pub/sub channel of the same frames</li>
 *   <li>{@code <p>:demand}: sorted set, symbol → until when some pod wants it (epoch ms)</li>
 *   <li>{@code <p>:upstream-lease}: who holds the upstream</li>
 *   <li>{@code <p>:clock}: pub/sub channel of the holder's wall clock, once a second (bus lag)</li>
 * </ul>
 */
record BusKeys(String prefix) {

    String state(String key) {
        return prefix + ":state:{" + key + "}";
    }

    String events(String key, Channel channel) {
        return prefix + ":ev:{" + key + "}:" + channel.wireName();
    }

    String live(String key) {
        return prefix + ":live:{" + key + "}";
    }

    /** The key of a live channel name, or null when it is not one. */
    String keyOfLive(String channel) {
        String head = prefix + ":live:{";
        if (!channel.startsWith(head) || !channel.endsWith("}")) {
            return null;
        }
        return channel.substring(head.length(), channel.length() - 1);
    }

    String demand() {
        return prefix + ":demand";
    }

    String lease() {
        return prefix + ":upstream-lease";
    }

    String clock() {
        return prefix + ":clock";
    }
}
