package com.tradesense.marketdata.provider.stream;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.vendor.FinnhubProvider;
import com.tradesense.marketdata.provider.vendor.VendorConfig;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;

import com.tradesense.marketdata.secrets.Redaction;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The real-time feeds the environment switches on, and keeping their subscriptions equal to what clients
 * want. Finnhub's trade stream: {@code MDE_PROVIDER_FINNHUB_STREAM_ENABLED=true} with
 * {@code MDE_PROVIDER_FINNHUB_API_KEY} set; {@code MDE_PROVIDER_FINNHUB_STREAM_URL} (default
 * {@value FinnhubTradeFeed#DEFAULT_URL}), {@code MDE_PROVIDER_FINNHUB_STREAM_SILENCE_MS} (default 5000).
 */
public final class UpstreamFeeds implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UpstreamFeeds.class.getName());

    private final List<UpstreamFeed> feeds;
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upstream-subscriptions");
        t.setDaemon(true);
        return t;
    });

    public UpstreamFeeds(List<UpstreamFeed> feeds) {
        this.feeds = List.copyOf(feeds);
    }

    public static UpstreamFeeds fromEnvironment(Map<String, String> env, FeedSink sink, MarketCalendars calendars,
                                                SymbolMaster symbols, Clock clock) {
        List<UpstreamFeed> out = new ArrayList<>();
        String prefix = VendorConfig.envPrefix(FinnhubProvider.ID);
        if ("true".equalsIgnoreCase(env.getOrDefault(prefix + "STREAM_ENABLED", "false").trim())) {
            String key = VendorConfig.key(prefix, env);
            if (key == null || key.isBlank()) {
                throw new IllegalStateException(prefix + "STREAM_ENABLED=true needs " + prefix + "API_KEY (or " + prefix + "API_KEY_FILE)");
            }
            Redaction.register(key);
            FinnhubTradeFeed.Settings d = FinnhubTradeFeed.Settings.DEFAULT;
            Duration silence;
            try {
                silence = env.containsKey(prefix + "STREAM_SILENCE_MS")
                        ? Duration.ofMillis(Long.parseLong(env.get(prefix + "STREAM_SILENCE_MS").trim())) : d.silence();
            } catch (NumberFormatException e) {
                throw new IllegalStateException(prefix + "STREAM_SILENCE_MS must be milliseconds: " + e.getMessage());
            }
            out.add(new FinnhubTradeFeed(URI.create(env.getOrDefault(prefix + "STREAM_URL", FinnhubTradeFeed.DEFAULT_URL).trim()),
                    key.trim(), sink, calendars, s -> symbols.find(s).map(Listing::market).orElse(null), clock,
                    new FinnhubTradeFeed.Settings(silence, d.backoffMin(), d.backoffMax(), d.connectTimeout())));
        }
        return new UpstreamFeeds(out);
    }

    public List<UpstreamFeed> feeds() {
        return feeds;
    }

    public boolean isEmpty() {
        return feeds.isEmpty();
    }

    /** True when a real feed streams {@code symbol}: the simulator must then leave it alone. */
    public boolean covers(String symbol) {
        for (UpstreamFeed f : feeds) {
            if (f.symbols().contains(symbol)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts every feed, then every {@code every} makes their subscriptions follow {@code wanted} (the
     * symbols clients subscribe to): new ones subscribed where a feed covers them, dropped ones unsubscribed.
     */
    public void start(Supplier<? extends java.util.Collection<String>> wanted, Duration every) {
        feeds.forEach(UpstreamFeed::start);
        if (!feeds.isEmpty()) {
            syncer.scheduleWithFixedDelay(() -> {
                try {
                    sync(Set.copyOf(wanted.get()));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "upstream subscription sync failed", e);
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void sync(Set<String> wanted) {
        for (UpstreamFeed f : feeds) {
            for (String s : f.symbols()) {
                if (!wanted.contains(s)) {
                    f.unsubscribe(s);
                }
            }
            for (String s : wanted) {
                if (!f.symbols().contains(s)) {
                    f.subscribe(s); // false: this feed does not cover it (the simulator keeps it)
                }
            }
        }
    }

    @Override
    public void close() {
        syncer.shutdownNow();
        feeds.forEach(UpstreamFeed::close);
    }
}
