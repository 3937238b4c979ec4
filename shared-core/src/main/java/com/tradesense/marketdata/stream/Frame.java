package com.tradesense.marketdata.stream;

import java.nio.charset.StandardCharsets;

/**
 * One message as it goes on the wire, serialized once and shared by every subscriber: its JSON text, and
 * the complete WebSocket text frame carrying it ({@link #wire()}: header and UTF-8 payload). Frames from a
 * server are not masked, so those bytes are the same for every connection: a writer copies them into its
 * socket buffer as they are, with nothing encoded or allocated per subscriber and message.
 *
 * <p>A live update also carries its event time ({@code t}, as the provider or simulator stamped it), so that
 * the writer can measure provider-to-socket latency without parsing the text; snapshots and replayed
 * history carry {@link #NO_EVENT_TIME} instead: they are late by design, not by delay.
 */
public final class Frame {
    /** {@link #eventTime()} of frames whose delivery is not a live update (snapshots, replays). */
    public static final long NO_EVENT_TIME = -1;

    private final Channel channel;
    private final String symbol;
    private final long seq;
    private final boolean snapshot;
    private final long eventTime;
    private final String text;
    private final byte[] wire;

    /**
     * @param channel  the channel it belongs to
     * @param symbol   the symbol (or market code) it is about
     * @param seq      its sequence number on (symbol, channel); for a snapshot, the seq of the last update it includes
     * @param snapshot true for a {@code "type":"snapshot"} message
     * @param text     the JSON text
     */
    public Frame(Channel channel, String symbol, long seq, boolean snapshot, String text) {
        this(channel, symbol, seq, snapshot, NO_EVENT_TIME, text);
    }

    /**
     * @param eventTime the live update's event time {@code t}, epoch ms, or {@link #NO_EVENT_TIME}
     */
    public Frame(Channel channel, String symbol, long seq, boolean snapshot, long eventTime, String text) {
        this(channel, symbol, seq, snapshot, eventTime, text, textFrame(text));
    }

    private Frame(Channel channel, String symbol, long seq, boolean snapshot, long eventTime, String text, byte[] wire) {
        this.channel = channel;
        this.symbol = symbol;
        this.seq = seq;
        this.snapshot = snapshot;
        this.eventTime = eventTime;
        this.text = text;
        this.wire = wire;
    }

    /**
     * The same message (text and bytes shared, nothing copied) as history sent again for a {@code resume}:
     * without its event time, so that a replay does not count as a late delivery.
     */
    public Frame replayed() {
        return eventTime == NO_EVENT_TIME ? this : new Frame(channel, symbol, seq, snapshot, NO_EVENT_TIME, text, wire);
    }

    /** An unmasked, final WebSocket text frame (RFC 6455 5.2) holding {@code text}. */
    public static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
        byte[] out = new byte[header + n];
        out[0] = (byte) 0x81; // FIN, opcode 1 (text)
        if (n < 126) {
            out[1] = (byte) n;
        } else if (n < 65_536) {
            out[1] = 126;
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = 127;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, out, header, n);
        return out;
    }

    public Channel channel() {
        return channel;
    }

    public String symbol() {
        return symbol;
    }

    public long seq() {
        return seq;
    }

    public boolean snapshot() {
        return snapshot;
    }

    /** Event time of a live update, epoch ms; {@link #NO_EVENT_TIME} for snapshots and replays. */
    public long eventTime() {
        return eventTime;
    }

    public String text() {
        return text;
    }

    /** The whole WebSocket frame (do not modify). */
    public byte[] wire() {
        return wire;
    }

    @Override
    public String toString() {
        return text;
    }
}
