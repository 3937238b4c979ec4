package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process layer: encoded chunks in a map, expiring by TTL, bounded by a chunk count (the oldest
 * write goes first when full). Values are kept encoded, as the remote layers keep them, so it measures
 * what they cost to decode and holds ~12 bytes a daily bar.
 */
public final class MemoryBarStore implements BarStore {
    private record Entry(byte[] value, long expiresAtMs, long seq) {
    }

    private final Map<ChunkKey, Entry> map = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();

    public MemoryBarStore(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public CacheLayer layer() {
        return CacheLayer.LOCAL;
    }

    @Override
    public Map<ChunkKey, BarChunk> getAll(Collection<ChunkKey> keys) {
        Map<ChunkKey, BarChunk> out = new HashMap<>();
        long now = clock.millis();
        for (ChunkKey k : keys) {
            Entry e = map.get(k);
            if (e == null) {
                continue;
            }
            if (e.expiresAtMs <= now) {
                if (map.remove(k, e)) {
                    evictions.incrementAndGet();
                }
                continue;
            }
            out.put(k, BarChunkCodec.decode(e.value));
        }
        return out;
    }

    @Override
    public void putAll(List<BarChunk> chunks, Map<ChunkKey, Duration> ttls) {
        long now = clock.millis();
        for (BarChunk c : chunks) {
            Duration ttl = ttls.getOrDefault(c.key(), Duration.ZERO);
            long expires = ttl.isZero() ? Long.MAX_VALUE : now + ttl.toMillis();
            map.put(c.key(), new Entry(BarChunkCodec.encode(c), expires, seq.incrementAndGet()));
        }
        while (map.size() > maxEntries) {
            map.entrySet().stream().min((a, b) -> Long.compare(a.getValue().seq, b.getValue().seq))
                    .ifPresent(e -> {
                        if (map.remove(e.getKey(), e.getValue())) {
                            evictions.incrementAndGet();
                        }
                    });
        }
    }

    @Override
    public long invalidate(String symbol, Interval interval) {
        long before = map.size();
        map.keySet().removeIf(k -> k.symbol().equals(symbol) && (interval == null || k.interval() == interval));
        return before - map.size();
    }

    @Override
    public long entries() {
        return map.size();
    }

    @Override
    public long evictions() {
        return evictions.get();
    }

    @Override
    public long memoryBytes() {
        long sum = 0;
        for (Entry e : map.values()) {
            sum += e.value.length + 96; // value plus key and entry objects, roughly
        }
        return sum;
    }

    @Override
    public void ping() {
    }
}
