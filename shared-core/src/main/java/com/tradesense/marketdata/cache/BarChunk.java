package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.domain.Bar;

import java.util.List;
import java.util.Objects;

/**
 * The bars of one {@link ChunkKey}, oldest first, as a provider gave them (cleaned, unadjusted), with
 * where and when they came from. An empty chunk is a real answer (no sessions, or before the listing).
 *
 * @param provider id of the provider that answered
 * @param asOfMs   when the provider produced them, epoch ms
 * @param complete true when the month had ended when the chunk was fetched (its bars can no longer change)
 */
public record BarChunk(ChunkKey key, String provider, long asOfMs, boolean complete, List<Bar> bars) {
    public BarChunk {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(provider, "provider");
        bars = List.copyOf(bars);
    }
}
