package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Read-through bar cache over the configured layers, fastest first (local, Redis, Infinispan,
 * PostgreSQL). A look-up asks each layer for the keys still missing; what a lower layer had is written
 * back to the layers above it. A layer that fails is counted, marked degraded and skipped for
 * {@code retryInterval}, after which the next request tries it again: a store outage costs one failed
 * call per interval, and the layer comes back by itself. With no layers, every look-up misses and
 * nothing is stored (the standalone default).
 */
public final class LayeredBarCache {
    private static final Logger LOG = Logger.getLogger(LayeredBarCache.class.getName());

    private final List<Layer> layers;
    private final CacheTtlPolicy policy;
    private final Clock clock;
    private final long retryNanos;
    private final Duration staleGrace;
    private final List<BiConsumer<String, Interval>> invalidationListeners = new CopyOnWriteArrayList<>();

    /** What a look-up found: each chunk with the layer it came from. */
    public record Found(BarChunk chunk, CacheLayer layer) {
    }

    public LayeredBarCache(List<BarStore> stores, CacheTtlPolicy policy, Clock clock, Duration retryInterval) {
        this(stores, policy, clock, retryInterval, Duration.ZERO);
    }

    /**
     * @param staleGrace how long the stores keep a chunk after its TTL: not served while a provider answers,
     *                   but served (marked stale) when none does ({@link #getStale})
     */
    public LayeredBarCache(List<BarStore> stores, CacheTtlPolicy policy, Clock clock, Duration retryInterval, Duration staleGrace) {
        this.layers = stores.stream().map(Layer::new).toList();
        this.policy = policy;
        this.clock = clock;
        this.retryNanos = retryInterval.toNanos();
        this.staleGrace = staleGrace;
    }

    public Duration staleGrace() {
        return staleGrace;
    }

    public static LayeredBarCache none() {
        return new LayeredBarCache(List.of(), CacheTtlPolicy.seed(), Clock.systemUTC(), Duration.ofSeconds(5));
    }

    public boolean enabled() {
        return !layers.isEmpty();
    }

    public CacheTtlPolicy policy() {
        return policy;
    }

    /** The fresh chunks the layers hold among {@code keys}; upper layers are refilled from lower hits. */
    public Map<ChunkKey, Found> getAll(List<ChunkKey> keys) {
        Map<ChunkKey, Found> found = new HashMap<>();
        if (layers.isEmpty() || keys.isEmpty()) {
            return found;
        }
        List<ChunkKey> missing = new ArrayList<>(keys);
        List<Layer> above = new ArrayList<>();
        for (Layer layer : layers) {
            if (missing.isEmpty()) {
                break;
            }
            if (!layer.available()) {
                continue;
            }
            Map<ChunkKey, BarChunk> got;
            try {
                got = layer.store.getAll(missing);
                layer.succeeded();
            } catch (RuntimeException e) {
                layer.failed(e);
                continue;
            }
            List<BarChunk> refill = new ArrayList<>();
            List<ChunkKey> still = new ArrayList<>();
            for (ChunkKey k : missing) {
                BarChunk c = got.get(k);
                if (c != null && policy.fresh(c, clock.instant())) {
                    layer.hits.incrementAndGet();
                    found.put(k, new Found(c, layer.store.layer()));
                    refill.add(c);
                } else {
                    layer.misses.incrementAndGet();
                    still.add(k);
                }
            }
            if (!refill.isEmpty()) {
                for (Layer up : above) {
                    write(up, refill);
                }
            }
            above.add(layer);
            missing = still;
        }
        return found;
    }

    /**
     * The chunks any layer still holds among {@code keys}, fresh or past their TTL (within the stale
     * grace), for when no provider answers; the newest copy of each wins. Nothing is refilled: an expired
     * chunk is not written anywhere.
     */
    public Map<ChunkKey, Found> getStale(List<ChunkKey> keys) {
        Map<ChunkKey, Found> found = new HashMap<>();
        for (Layer layer : layers) {
            if (keys.isEmpty() || !layer.available()) {
                continue;
            }
            Map<ChunkKey, BarChunk> got;
            try {
                got = layer.store.getAll(keys);
                layer.succeeded();
            } catch (RuntimeException e) {
                layer.failed(e);
                continue;
            }
            for (Map.Entry<ChunkKey, BarChunk> e : got.entrySet()) {
                Found had = found.get(e.getKey());
                if (had == null || e.getValue().asOfMs() > had.chunk().asOfMs()) {
                    found.put(e.getKey(), new Found(e.getValue(), layer.store.layer()));
                }
            }
        }
        return found;
    }

    /** Writes chunks fetched from a provider to every layer, each for the policy's TTL. */
    public void putAll(List<BarChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        for (Layer layer : layers) {
            write(layer, chunks);
        }
    }

    private void write(Layer layer, List<BarChunk> chunks) {
        if (!layer.available()) {
            return;
        }
        Map<ChunkKey, Duration> ttls = new HashMap<>();
        for (BarChunk c : chunks) {
            ttls.put(c.key(), remainingTtl(c));
        }
        try {
            layer.store.putAll(chunks, ttls);
            layer.succeeded();
        } catch (RuntimeException e) {
            layer.failed(e);
        }
    }

    /**
     * How long a store keeps the chunk: a complete one the closed-period TTL, an open one what is left of its
     * open-month TTL; either plus the stale grace (ZERO, no expiry, stays ZERO).
     */
    private Duration remainingTtl(BarChunk c) {
        if (c.complete()) {
            return policy.closed().isZero() ? Duration.ZERO : policy.closed().plus(staleGrace);
        }
        Duration ttl = c.key().interval().isIntraday() ? policy.intradayOpen() : policy.dailyOpen();
        long left = ttl.toMillis() + staleGrace.toMillis() - (clock.millis() - c.asOfMs());
        return Duration.ofMillis(Math.max(1, left));
    }

    /**
     * Drops a symbol's chunks ({@code interval} null: all intervals) from every reachable layer, tells the
     * listeners (response caches built on these bars) and the broadcaster (other processes, whose
     * in-process layers drop theirs through {@link #invalidateLocal}). Returns the chunks dropped where known.
     */
    public long invalidate(String symbol, Interval interval) {
        long n = drop(symbol, interval, false);
        BiConsumer<String, Interval> b = broadcaster;
        if (b != null) {
            try {
                b.accept(symbol, interval);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cache: invalidation of " + symbol + " not broadcast: " + e);
            }
        }
        return n;
    }

    /** Another process invalidated {@code symbol}: drop it from this process's in-process layers and listeners only. */
    public long invalidateLocal(String symbol, Interval interval) {
        return drop(symbol, interval, true);
    }

    private long drop(String symbol, Interval interval, boolean localOnly) {
        long n = 0;
        for (Layer layer : layers) {
            if (localOnly && layer.store.layer() != CacheLayer.LOCAL) {
                continue;
            }
            try {
                long d = layer.store.invalidate(symbol, interval);
                layer.succeeded();
                n += Math.max(0, d);
            } catch (RuntimeException e) {
                layer.failed(e);
            }
        }
        for (BiConsumer<String, Interval> l : invalidationListeners) {
            l.accept(symbol, interval);
        }
        return n;
    }

    private volatile BiConsumer<String, Interval> broadcaster;

    /** Where {@link #invalidate} tells other processes (Redis pub/sub when configured). */
    public void broadcastTo(BiConsumer<String, Interval> broadcaster) {
        this.broadcaster = broadcaster;
    }

    private final Map<String, java.util.function.Supplier<LayerStatistics>> answerCaches = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** The historical function's per-query OHLCV answer cache, listed in the statistics as {@code ohlcv}. */
    public void attachAnswerCache(java.util.function.Supplier<LayerStatistics> statistics) {
        attachAnswerCache("ohlcv", statistics);
    }

    /** A cache of whole answers of {@code dataType} (built on these bars, or research answers), listed in the statistics. */
    public void attachAnswerCache(String dataType, java.util.function.Supplier<LayerStatistics> statistics) {
        answerCaches.put(dataType, statistics);
    }

    public List<LayerStatistics> answerCacheStatistics() {
        return answerCaches.values().stream().map(java.util.function.Supplier::get).toList();
    }

    /** Data type to the statistics of its answer cache, by data type. */
    public Map<String, LayerStatistics> answerCachesByType() {
        Map<String, LayerStatistics> m = new LinkedHashMap<>();
        answerCaches.forEach((type, s) -> m.put(type, s.get()));
        return m;
    }

    /** Called on every {@link #invalidate}: caches of answers derived from the bars drop theirs. */
    public void onInvalidate(BiConsumer<String, Interval> listener) {
        invalidationListeners.add(listener);
    }

    public List<LayerStatistics> statistics() {
        List<LayerStatistics> out = new ArrayList<>();
        for (Layer l : layers) {
            long entries = -1;
            long evictions = -1;
            long memory = -1;
            if (l.available()) {
                try {
                    entries = l.store.entries();
                    evictions = l.store.evictions();
                    memory = l.store.memoryBytes();
                } catch (RuntimeException e) {
                    l.failed(e);
                }
            }
            out.add(new LayerStatistics(l.store.layer().wireName(), l.hits.get(), l.misses.get(), l.errors.get(),
                    entries, evictions, l.degraded, l.degraded ? l.lastError : null, memory));
        }
        return out;
    }

    /** Layer name to whether it is degraded, in order; for readiness. Probes a degraded layer whose wait is over. */
    public Map<String, LayerStatistics> health() {
        for (Layer l : layers) {
            if (l.degraded && l.available()) {
                try {
                    l.store.ping();
                    l.succeeded();
                } catch (RuntimeException e) {
                    l.failed(e);
                }
            }
        }
        return counters();
    }

    /** Each layer's counters and state, without asking the stores (entries and evictions -1). */
    public Map<String, LayerStatistics> counters() {
        Map<String, LayerStatistics> m = new LinkedHashMap<>();
        for (Layer l : layers) {
            m.put(l.store.layer().wireName(), new LayerStatistics(l.store.layer().wireName(), l.hits.get(), l.misses.get(),
                    l.errors.get(), -1, -1, l.degraded, l.degraded ? l.lastError : null));
        }
        return m;
    }

    public List<CacheLayer> layers() {
        return layers.stream().map(l -> l.store.layer()).toList();
    }

    private final class Layer {
        final BarStore store;
        final AtomicLong hits = new AtomicLong();
        final AtomicLong misses = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        volatile boolean degraded;
        volatile long retryAt;
        volatile String lastError;

        Layer(BarStore store) {
            this.store = store;
        }

        boolean available() {
            return !degraded || System.nanoTime() - retryAt >= 0;
        }

        void succeeded() {
            if (degraded) {
                degraded = false;
                LOG.info("cache: " + store.layer().wireName() + " answers again");
            }
        }

        void failed(Throwable e) {
            errors.incrementAndGet();
            Throwable cause = e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("java.") ? e.getCause() : e;
            lastError = String.valueOf(cause);
            retryAt = System.nanoTime() + retryNanos;
            if (!degraded) {
                degraded = true;
                LOG.log(Level.WARNING, "cache: " + store.layer().wireName() + " unreachable (" + lastError
                        + "), skipped for " + Duration.ofNanos(retryNanos) + " at a time until it answers");
            }
        }
    }

    /** Stores of the keys, for callers that want to list them. */
    static Collection<ChunkKey> keysOf(List<BarChunk> chunks) {
        return chunks.stream().map(BarChunk::key).toList();
    }
}
