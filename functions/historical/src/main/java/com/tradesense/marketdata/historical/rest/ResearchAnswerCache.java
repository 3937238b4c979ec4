package com.tradesense.marketdata.historical.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tradesense.marketdata.cache.CacheTtlPolicy;
import com.tradesense.marketdata.cache.LayerStatistics;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.rest.SourceJson;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The local (per-pod) layer for the research answers, one cache per data type, each entry kept for its
 * data type's TTL from the cache policy ({@code mde.cache.ttl.*}: fundamentals a day, corporate actions an
 * hour, economic series six hours, news a minute by default). A kept answer says {@code "cache":"local"};
 * a stale one is not kept. Invalidating a symbol ({@link LayeredBarCache#invalidate}, by hand or on a new
 * split or dividend) drops its fundamentals, corporate actions and the news that name it. Counted as
 * {@code mde_cache_*{layer="local",data_type=...}} and listed in {@code /cache/statistics}.
 */
@Singleton
public class ResearchAnswerCache {
    /** A cached answer's key: the symbols it is about (for invalidation) and the rest of the query. */
    public record Key(Set<String> symbols, Object query) {
    }

    private final boolean enabled;
    private final Map<String, Cache<Key, Object>> caches = new LinkedHashMap<>();

    public ResearchAnswerCache(@ConfigProperty(name = "mde.history.response-cache.enabled", defaultValue = "true") boolean enabled,
                               @ConfigProperty(name = "mde.history.research-cache.max-entries", defaultValue = "10000") long maxEntries,
                               Instance<LayeredBarCache> barCache, Instance<MeterRegistry> registry) {
        this.enabled = enabled;
        CacheTtlPolicy policy = barCache.isResolvable() ? barCache.get().policy() : CacheTtlPolicy.seed();
        Map<String, Duration> ttls = new LinkedHashMap<>();
        ttls.put("fundamentals", policy.fundamentals());
        ttls.put("corporate_actions", policy.corporateActions());
        ttls.put("economic", policy.economic());
        ttls.put("news", policy.news());
        ttls.forEach((type, ttl) -> {
            Caffeine<Object, Object> b = Caffeine.newBuilder().maximumSize(maxEntries).recordStats();
            if (!ttl.isZero()) {
                b.expireAfterWrite(ttl);
            }
            caches.put(type, b.build());
        });
        if (barCache.isResolvable()) {
            LayeredBarCache bars = barCache.get();
            bars.onInvalidate((symbol, interval) -> caches.values().forEach(c -> c.asMap().keySet().removeIf(k -> k.symbols().contains(symbol))));
            caches.forEach((type, c) -> bars.attachAnswerCache(type, () -> {
                var st = c.stats();
                return new LayerStatistics("local", st.hitCount(), st.missCount(), 0, c.estimatedSize(), st.evictionCount(), false, null);
            }));
        }
        if (registry.isResolvable()) {
            MeterRegistry r = registry.get();
            caches.forEach((type, c) -> {
                FunctionCounter.builder("mde.cache.requests", c, x -> x.stats().hitCount())
                        .tags("layer", "local", "data_type", type, "result", "hit").register(r);
                FunctionCounter.builder("mde.cache.requests", c, x -> x.stats().missCount())
                        .tags("layer", "local", "data_type", type, "result", "miss").register(r);
                Gauge.builder("mde.cache.entries", c, Cache::estimatedSize).tags("layer", "local", "data_type", type).register(r);
                FunctionCounter.builder("mde.cache.evictions", c, x -> x.stats().evictionCount())
                        .tags("layer", "local", "data_type", type).register(r);
            });
        }
    }

    /**
     * The answer of {@code dataType} for {@code key}: the kept one, or {@code load}'s now (which says
     * {@code "cache":"none"}; the copy kept says {@code "local"}).
     */
    @SuppressWarnings("unchecked")
    public <T extends Record> T get(String dataType, Key key, Supplier<T> load) {
        Cache<Key, Object> cache = caches.get(dataType);
        if (cache == null) {
            throw new IllegalArgumentException("no answer cache for " + dataType);
        }
        if (enabled) {
            Object hit = cache.getIfPresent(key);
            if (hit != null) {
                return (T) hit;
            }
        }
        T fresh = load.get();
        if (enabled) {
            T kept = servedLocally(fresh);
            if (kept != null) {
                cache.put(key, kept);
            }
        }
        return fresh;
    }

    /** A copy of the response whose {@code source} says {@code local}; null when it has none or it is stale. */
    @SuppressWarnings("unchecked")
    static <T extends Record> T servedLocally(T response) {
        RecordComponent[] parts = response.getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        boolean found = false;
        try {
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                values[i] = parts[i].getAccessor().invoke(response);
                if (values[i] instanceof SourceJson s && parts[i].getName().equals("source")) {
                    if (s.stale()) {
                        return null;
                    }
                    values[i] = new SourceJson(s.provider(), "local", false, s.asOf());
                    found = true;
                }
            }
            if (!found) {
                return null;
            }
            Constructor<?> c = response.getClass().getDeclaredConstructor(types);
            c.setAccessible(true);
            return (T) c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + response.getClass().getSimpleName(), e);
        }
    }
}
