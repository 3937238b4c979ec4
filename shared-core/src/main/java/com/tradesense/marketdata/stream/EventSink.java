package com.tradesense.marketdata.stream;

/**
 * Where an upstream publishes normalized events: the in-process {@link StreamHub} in standalone; in
 * services mode the lease holder's Redis publisher (functions/realtime, {@code realtime.bus}), which has
 * Redis sequence them for the whole cluster.
 */
public interface EventSink {
    /** Publishes one event; false if it was refused (unknown symbol, crossed book). */
    boolean publish(StreamEvent event);
}
