package com.tradesense.marketdata.stream;

/**
 * Where an upstream publishes normalized events: the in-process {@link StreamHub} in standalone. (In
 * services mode a bus forwarder, e.g. over Redis, implements it too: not built yet.)
 */
public interface EventSink {
    /** Publishes one event; false if it was refused (unknown symbol, crossed book). */
    boolean publish(StreamEvent event);
}
