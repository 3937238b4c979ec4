package com.tradesense.marketdata.stream;

/**
 * Whoever receives frames from the {@link StreamHub}: a client session's outbox, a bus forwarder.
 * {@link #deliver} is called with the symbol's lock held, in sequence order: it must not block.
 */
public interface Subscriber {
    void deliver(Frame frame);
}
