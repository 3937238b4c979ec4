package com.tradesense.marketdata.provider.stream;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.config.Settings;
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
 * want. Finnhub's trade stream: {@code mde.provider.finnhub.stream.enabled=true} with
 * {@code mde.provider.finnhub.api-key} set; {@code mde.provider.finnhub.stream.url} (default
 * {@value FinnhubTradeFeed#DEFAULT_URL}), {@code mde.provider.finnhub.stream.silence-ms} (default 5000); as
 * environment variables {@code MDE_PROVIDER_FINNHUB_STREAM_ENABLED} and so on.
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

    /** The feeds an environment-shaped map switches on ({@code MDE_PROVIDER_FINNHUB_STREAM_ENABLED=true}): for tests. */
    public static UpstreamFeeds fromEnvironment(Map<String, String> env, FeedSink sink, MarketCalendars calendars,
                                                SymbolMaster symbols, Clock clock) {
        return configured(Settings.of(env), sink, calendars, symbols, clock);
    }

    /** True when Finnhub's trade stream is switched on ({@code mde.provider.finnhub.stream.enabled}). */
    public static boolean finnhubEnabled(Settings settings) {
        return VendorConfig.flag(FinnhubProvider.ID, "stream.enabled", settings).orElse(false);
    }

    /** The key Finnhub's stream needs once switched on: a start-up error naming the settings when there is none. */
    public static String finnhubKey(Settings settings) {
        String id = FinnhubProvider.ID;
        String key = VendorConfig.apiKey(id, settings);
        if (key == null) {
            throw new IllegalStateException(VendorConfig.describe(id, "stream.enabled") + "=true needs "
                    + VendorConfig.describe(id, "api-key") + " or " + VendorConfig.describe(id, "api-key-file"));
        }
        return key;
    }

    /**
     * The feeds {@code settings} switch on. A feed switched on without what it needs (Finnhub without a key) is a
     * start-up error naming the setting, not a feed that never connects.
     */
    public static UpstreamFeeds configured(Settings settings, FeedSink sink, MarketCalendars calendars,
                                           SymbolMaster symbols, Clock clock) {
        List<UpstreamFeed> out = new ArrayList<>();
        String id = FinnhubProvider.ID;
        if (finnhubEnabled(settings)) {
            String key = finnhubKey(settings);
            Redaction.register(key);
            FinnhubTradeFeed.Settings d = FinnhubTradeFeed.Settings.DEFAULT;
            Duration silence;
            try {
                silence = VendorConfig.setting(id, "stream.silence-ms", settings).map(v -> Duration.ofMillis(Long.parseLong(v)))
                        .orElse(d.silence());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(VendorConfig.describe(id, "stream.silence-ms") + " must be milliseconds: " + e.getMessage());
            }
            out.add(new FinnhubTradeFeed(URI.create(VendorConfig.setting(id, "stream.url", settings).orElse(FinnhubTradeFeed.DEFAULT_URL)),
                    key, sink, calendars, s -> symbols.find(s).map(Listing::market).orElse(null), clock,
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
