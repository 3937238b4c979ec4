package com.tradesense.marketdata.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Provenance of a data response (API.md "Conventions").
 *
 * @param provider id of the provider the data came from ({@code simulator}, {@code polygon}, ...)
 * @param cache    the cache layer that answered, {@link CacheLayer#NONE} when fetched now
 * @param stale    true when served past its freshness TTL because no provider could answer
 * @param asOf     when the provider produced the data
 */
public record Source(String provider, CacheLayer cache, boolean stale, Instant asOf) {
    public Source {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(asOf, "asOf");
    }

    public Source withCache(CacheLayer layer) {
        return new Source(provider, layer, stale, asOf);
    }
}
