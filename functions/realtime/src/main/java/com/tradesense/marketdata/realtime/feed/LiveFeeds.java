package com.tradesense.marketdata.realtime.feed;

import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.provider.stream.EngineFeedSink;
import com.tradesense.marketdata.provider.stream.FeedSink;
import com.tradesense.marketdata.provider.stream.UpstreamFeed;
import com.tradesense.marketdata.provider.stream.UpstreamFeeds;
import com.tradesense.marketdata.realtime.bus.LeasedUpstream;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.EventSink;
import com.tradesense.marketdata.stream.OrderBook;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamEvent;
import com.tradesense.marketdata.stream.StreamHub;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The real provider feeds of this process (Finnhub trades when configured), run for as long as this
 * process runs the upstream: always in standalone, during each lease term in services mode. Each run
 * builds fresh feeds (a closed feed does not reconnect). While a feed streams a symbol the simulator
 * steps aside for it ({@link #covers}).
 *
 * <p>A feed that reconnects after a drop may have missed updates: every symbol it streams gets an upstream
 * reset, a whole book ({@code "reset":true} on level 2) and its last level 1 again, so clients re-snapshot
 * instead of holding a book with a silent gap.
 */
public final class LiveFeeds implements LeasedUpstream, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LiveFeeds.class);
    /** How often the feeds' subscriptions are made to follow what clients want. */
    static final Duration SYNC_EVERY = Duration.ofMillis(250);

    private final Function<FeedSink, UpstreamFeeds> build;
    private final boolean configured;
    private final StreamHub hub;
    private final RouterHealth health;
    private final Clock clock;
    private volatile UpstreamFeeds running;

    /**
     * @param configured whether {@code build} makes any feed at all (nothing runs otherwise)
     * @param build      makes the configured feeds delivering to a sink (the same settings every time)
     */
    public LiveFeeds(boolean configured, Function<FeedSink, UpstreamFeeds> build, StreamHub hub, RouterHealth health,
                     Clock clock) {
        this.configured = configured;
        this.build = build;
        this.hub = hub;
        this.health = health;
        this.clock = clock;
    }

    /** True when at least one real feed is configured. */
    public boolean configured() {
        return configured;
    }

    /** The feeds running now (none while stopped). */
    public List<UpstreamFeed> feeds() {
        UpstreamFeeds r = running;
        return r == null ? List.of() : r.feeds();
    }

    /** True while a running feed streams {@code symbol}: the simulator leaves it alone. */
    public boolean covers(String symbol) {
        UpstreamFeeds r = running;
        return r != null && r.covers(symbol);
    }

    /** Starts the feeds publishing to {@code sink}, subscribed to the symbols {@code demand} names. */
    @Override
    public synchronized void start(EventSink sink, Supplier<List<String>> demand) {
        if (!configured || running != null) {
            return;
        }
        UpstreamFeeds feeds = build.apply(new EngineFeedSink(sink, health, symbols -> reset(sink, symbols)));
        running = feeds;
        feeds.start(demand, SYNC_EVERY);
        LOG.infof("stream upstream: real feeds started: %s",
                feeds.feeds().stream().map(UpstreamFeed::provider).toList());
    }

    @Override
    public synchronized void stop() {
        UpstreamFeeds r = running;
        running = null;
        if (r != null) {
            r.close();
            LOG.info("stream upstream: real feeds stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The upstream reset after a reconnect: each symbol's whole book and level 1 again. */
    private void reset(EventSink sink, Set<String> symbols) {
        hub.counters().resnapshot(Channel.LEVEL2, StreamCounters.Resnapshot.VENDOR_RESET);
        long now = clock.millis();
        OrderBook book = new OrderBook(hub.settings().bookDepth());
        for (String symbol : symbols) {
            if (!hub.copyBook(symbol, book)) {
                continue;
            }
            sink.publish(new StreamEvent.BookSnapshot(symbol, now, book.bids(), book.asks()));
            StreamEvent.Level1Quote q = hub.level1(symbol);
            if (q != null) {
                sink.publish(q);
            }
        }
    }
}
