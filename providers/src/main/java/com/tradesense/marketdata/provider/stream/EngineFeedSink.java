package com.tradesense.marketdata.provider.stream;

import com.tradesense.marketdata.provider.FeedHealth;
import com.tradesense.marketdata.stream.EventSink;
import com.tradesense.marketdata.stream.StreamEvent;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Connects a feed to the engine: events to the bus (the {@link com.tradesense.marketdata.stream.StreamHub}),
 * degraded/recovered to the provider's {@link FeedHealth} (the router's, shown by {@code /api/v1/providers/status}),
 * and reconnects to {@code onReconnect}, which resets what the old connection built (books of a book-carrying feed).
 */
public final class EngineFeedSink implements FeedSink {
    private static final System.Logger LOG = System.getLogger(EngineFeedSink.class.getName());

    private final EventSink bus;
    private final FeedHealth health;
    private final Consumer<Set<String>> onReconnect;

    public EngineFeedSink(EventSink bus, FeedHealth health, Consumer<Set<String>> onReconnect) {
        this.bus = bus;
        this.health = health;
        this.onReconnect = onReconnect;
    }

    @Override
    public boolean publish(StreamEvent event) {
        return bus.publish(event);
    }

    @Override
    public void reconnected(String provider, Set<String> symbols) {
        LOG.log(System.Logger.Level.INFO, "{0} stream reconnected; resetting {1} symbols", provider, symbols.size());
        onReconnect.accept(symbols);
    }

    @Override
    public void degraded(String provider, String reason) {
        health.feedDegraded(provider, reason);
    }

    @Override
    public void recovered(String provider) {
        health.feedRecovered(provider);
    }
}
