package com.tradesense.marketdata.provider.stream;

import java.time.Instant;
import java.util.Set;

/**
 * A provider's real-time connection (Finnhub trades today; Polygon and Twelve Data WebSockets fit the
 * same shape): it keeps one upstream connection, subscribes canonical symbols on it, normalizes what
 * arrives into {@link com.tradesense.marketdata.stream.StreamEvent}s for its {@link FeedSink}, and
 * reconnects by itself when the connection drops or goes silent.
 */
public interface UpstreamFeed extends AutoCloseable {

    /** The provider id ({@code finnhub}), the same as its REST adapter's. */
    String provider();

    /** Connects (asynchronously); reconnects on its own until {@link #close}. */
    void start();

    /** Streams {@code symbol} (canonical); kept across reconnects. False when the vendor has no such symbol. */
    boolean subscribe(String symbol);

    void unsubscribe(String symbol);

    /** Canonical symbols subscribed now. */
    Set<String> symbols();

    FeedState state();

    /** When the last frame of any kind arrived, or null before the first. */
    Instant lastMessage();

    /** Stops for good: closes the connection, no more reconnects. */
    @Override
    void close();

    enum FeedState {
        /** Not started, or connecting for the first time. */
        CONNECTING,
        /** Connected and hearing from the vendor. */
        LIVE,
        /** Connected but silent past the limit while its market is open: about to reconnect. */
        SILENT,
        /** The connection dropped or was dropped; waiting out the backoff before the next attempt. */
        RECONNECTING,
        CLOSED
    }
}
