package com.tradesense.marketdata.provider;

import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.symbols.Listing;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to a provider for bars of one listing.
 *
 * @param listing       the instrument, canonical (the adapter translates to its own symbology)
 * @param interval      bar interval
 * @param from          first bar open time wanted, inclusive
 * @param to            bars opening at or after this instant are not wanted (exclusive)
 * @param extendedHours true to include US pre- and post-market bars in intraday intervals
 */
public record BarRequest(Listing listing, Interval interval, Instant from, Instant to, boolean extendedHours) {
    public BarRequest {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(interval, "interval");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty range " + from + " .. " + to);
        }
    }
}
