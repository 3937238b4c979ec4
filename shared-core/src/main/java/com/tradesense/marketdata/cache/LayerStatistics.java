package com.tradesense.marketdata.cache;

/**
 * One layer's counters since start, for {@code /cache/statistics} and the {@code mde_cache_*} metrics.
 *
 * @param layer     wire name ({@code local}, {@code redis}, {@code infinispan}, {@code postgres})
 * @param hits      chunks found
 * @param misses    chunks looked for and not found (or found expired)
 * @param errors    calls that failed because the store did not answer
 * @param entries   chunks held, -1 when the store cannot say
 * @param evictions chunks the store dropped itself, -1 when it cannot say
 * @param degraded  true while the store is unreachable and skipped
 * @param lastError the last failure, or null
 * @param memoryBytes bytes the layer holds, -1 when it cannot say cheaply
 */
public record LayerStatistics(String layer, long hits, long misses, long errors, long entries, long evictions,
                              boolean degraded, String lastError, long memoryBytes) {
    public LayerStatistics(String layer, long hits, long misses, long errors, long entries, long evictions,
                           boolean degraded, String lastError) {
        this(layer, hits, misses, errors, entries, evictions, degraded, lastError, -1);
    }

    /** hits / (hits + misses), 0 before any look-up. */
    public double hitRatio() {
        long all = hits + misses;
        return all == 0 ? 0.0 : (double) hits / all;
    }
}
