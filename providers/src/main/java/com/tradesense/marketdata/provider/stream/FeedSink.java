package com.tradesense.marketdata.provider.stream;

import com.tradesense.marketdata.stream.StreamEvent;

import java.util.Set;

/**
 * Where an {@link UpstreamFeed} delivers: normalized events, and the two things the engine must know
 * about the connection itself.
 */
public interface FeedSink {

    /** One normalized event; false when the bus refused it (unknown symbol, crossed book). */
    boolean publish(StreamEvent event);

    /**
     * The feed connected again after a drop and resubscribed {@code symbols}: whatever was built from
     * its earlier messages may have a gap, so books must be reset (a fresh
     * {@link StreamEvent.BookSnapshot}) and clients re-snapshotted.
     */
    void reconnected(String provider, Set<String> symbols);

    /** The feed is degraded (silent while its market is open, or disconnected): {@code reason} says why. */
    void degraded(String provider, String reason);

    /** The feed is live again. */
    void recovered(String provider);
}
