package com.tradesense.marketdata.historical.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.domain.CacheLayer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import com.tradesense.marketdata.history.BarSeries;
import com.tradesense.marketdata.history.OhlcvQuery;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * The local (per-pod) layer for OHLCV answers: the encoded JSON of each distinct query, so a hit is a
 * map lookup and a write of bytes that were serialized once. Entries live for the configured TTL of a month in
 * progress at their interval ({@code mde.cache.ttl.intraday}, {@code .daily}: seed 5 minutes, 1 hour), bounded by bytes held. Answers served from
 * here say {@code "cache":"local"}. Below it, the bar cache layers ({@link LayeredBarCache}) hold the raw
 * month chunks the answers are built from; invalidating a symbol there drops its answers here too. Counted
 * as {@code mde_cache_*{layer="local",data_type="ohlcv"}}.
 */
@Singleton
public class OhlcvResponseCache {
    static final Duration INTRADAY_TTL = Duration.ofMinutes(5);
    static final Duration DAILY_TTL = Duration.ofHours(1);

    private final ObjectMapper json;
    private final boolean enabled;
    private final Cache<OhlcvQuery, Entry> cache;
    private final Duration intradayTtl;
    private final Duration dailyTtl;

    /** Encoded answer, and how long it may be served. */
    record Entry(byte[] body, Duration ttl) {
    }

    public OhlcvResponseCache(ObjectMapper json,
                              @ConfigProperty(name = "mde.history.response-cache.enabled", defaultValue = "true") boolean enabled,
                              @ConfigProperty(name = "mde.history.response-cache.max-bytes", defaultValue = "134217728") long maxBytes,
                              Instance<LayeredBarCache> barCache, Instance<MeterRegistry> registry) {
        this.json = json;
        this.enabled = enabled;
        // the bar layers' configured TTLs of a month in progress when they are there, else the seed's
        this.intradayTtl = barCache.isResolvable() ? barCache.get().policy().intradayOpen() : INTRADAY_TTL;
        this.dailyTtl = barCache.isResolvable() ? barCache.get().policy().dailyOpen() : DAILY_TTL;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((OhlcvQuery k, Entry e) -> e.body.length + 200)
                .expireAfter(new Expiry<OhlcvQuery, Entry>() {
                    @Override
                    public long expireAfterCreate(OhlcvQuery key, Entry e, long now) {
                        return e.ttl.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(OhlcvQuery key, Entry e, long now, long current) {
                        return e.ttl.toNanos();
                    }

                    @Override
                    public long expireAfterRead(OhlcvQuery key, Entry e, long now, long current) {
                        return current;
                    }
                })
                .recordStats()
                .build();
        if (barCache.isResolvable()) {
            barCache.get().onInvalidate((symbol, interval) ->
                    cache.asMap().keySet().removeIf(q -> q.symbol().value().equals(symbol) && (interval == null || q.interval() == interval)));
            barCache.get().attachAnswerCache(() -> {
                var st = cache.stats();
                return new com.tradesense.marketdata.cache.LayerStatistics("local", st.hitCount(), st.missCount(), 0,
                        cache.estimatedSize(), st.evictionCount(), false, null,
                        cache.policy().eviction().map(e -> e.weightedSize().orElse(-1L)).orElse(-1L));
            });
        }
        if (registry.isResolvable()) {
            MeterRegistry r = registry.get();
            FunctionCounter.builder("mde.cache.requests", cache, c -> c.stats().hitCount())
                    .tags("layer", "local", "data_type", "ohlcv", "result", "hit").register(r);
            FunctionCounter.builder("mde.cache.requests", cache, c -> c.stats().missCount())
                    .tags("layer", "local", "data_type", "ohlcv", "result", "miss").register(r);
            Gauge.builder("mde.cache.entries", cache, Cache::estimatedSize).tags("layer", "local", "data_type", "ohlcv").register(r);
            Gauge.builder("mde.cache.memory", cache, c -> c.policy().eviction().flatMap(e -> {
                        java.util.OptionalLong w = e.weightedSize();
                        return w.isPresent() ? java.util.Optional.of(w.getAsLong()) : java.util.Optional.empty();
                    }).orElse(-1L))
                    .baseUnit("bytes").tags("layer", "local", "data_type", "ohlcv").register(r);
            FunctionCounter.builder("mde.cache.evictions", cache, c -> c.stats().evictionCount())
                    .tags("layer", "local", "data_type", "ohlcv").register(r);
        }
    }

    /**
     * The encoded answer to {@code query}: from the cache, or computed by {@code load} now (that
     * answer says {@code "cache":"none"}, the copy kept says {@code "local"}).
     */
    public byte[] get(OhlcvQuery query, Function<OhlcvQuery, BarSeries> load) {
        if (enabled) {
            Entry hit = cache.getIfPresent(query);
            if (hit != null) {
                return hit.body;
            }
        }
        BarSeries series = load.apply(query);
        byte[] fresh = encode(OhlcvResponse.of(series));
        if (enabled && !series.source().stale()) { // a stale answer (no provider answered) is not kept: the next request tries again
            BarSeries kept = new BarSeries(series.listing(), series.interval(), series.adjustment(), series.adjustedThrough(),
                    series.extendedHours(), series.bars(), series.source().withCache(CacheLayer.LOCAL), series.next());
            cache.put(query, new Entry(encode(OhlcvResponse.of(kept)), query.interval().isIntraday() ? intradayTtl : dailyTtl));
        }
        return fresh;
    }

    private byte[] encode(OhlcvResponse r) {
        try {
            return json.writeValueAsBytes(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
