package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.stream.SessionOutbox;

/**
 * Puts one connection's queued frames on its socket. Two ways exist: {@link RawFrameWriter}, which writes the
 * frames' ready-made WebSocket bytes straight to the connection's Netty channel (one pooled buffer and one flush
 * per drain: the fan-out figures in bench/README depend on it), and {@link SendTextFrameWriter}, Quarkus's own
 * {@code sendText} per frame. {@link FrameWriters} picks one per connection; event loop only.
 */
interface FrameWriter {

    /** Writes what {@code outbox} holds while the socket keeps up; when it stops early it calls {@code resume} later. */
    void drain(SessionOutbox outbox, Runnable resume);

    /** True for the raw Netty path. */
    boolean raw();
}
