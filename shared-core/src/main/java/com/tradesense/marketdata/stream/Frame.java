package com.tradesense.marketdata.stream;

import java.nio.charset.StandardCharsets;

/**
 * One message as it goes on the wire, serialized once (JSON text and its UTF-8 bytes) and shared by
 * every subscriber: the writers wrap the same bytes, nothing is encoded per subscriber.
 *
 * @param channel  the channel it belongs to
 * @param symbol   the symbol (or market code) it is about
 * @param seq      its sequence number on (symbol, channel); for a snapshot, the seq of the last update it includes
 * @param snapshot true for a {@code "type":"snapshot"} message
 * @param text     the JSON text
 * @param utf8     the same text encoded as UTF-8 (do not modify)
 */
public record Frame(Channel channel, String symbol, long seq, boolean snapshot, String text, byte[] utf8) {

    public Frame(Channel channel, String symbol, long seq, boolean snapshot, String text) {
        this(channel, symbol, seq, snapshot, text, text.getBytes(StandardCharsets.UTF_8));
    }
}
