package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One layer of the bar cache (in-process memory, Redis, Infinispan, PostgreSQL). Calls block and may
 * throw any runtime exception when the store is unreachable: {@link LayeredBarCache} counts it, skips
 * the layer for a while and serves from the others.
 */
public interface BarStore {
    /** Which layer this is, as reported in {@code source.cache}. */
    CacheLayer layer();

    /** The chunks held among {@code keys} (absent keys simply missing from the map). */
    Map<ChunkKey, BarChunk> getAll(Collection<ChunkKey> keys);

    /** Stores each chunk for its TTL ({@link Duration#ZERO}: until invalidated). Replaces what was there. */
    void putAll(List<BarChunk> chunks, Map<ChunkKey, Duration> ttls);

    /** Drops every chunk of {@code symbol} ({@code interval} null: at every interval); how many, or -1 if unknown. */
    long invalidate(String symbol, Interval interval);

    /** Chunks held now, or -1 when the store cannot say cheaply. */
    default long entries() {
        return -1;
    }

    /** Chunks dropped by the store itself (size or TTL) since start, or -1 when it cannot say. */
    default long evictions() {
        return -1;
    }

    /** Bytes held, or -1 when the store cannot say cheaply. */
    default long memoryBytes() {
        return -1;
    }

    /** A cheap round trip proving the store answers (used to notice it is back). */
    void ping();
}
