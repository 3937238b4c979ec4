package com.tradesense.marketdata.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * How much a request cares about quality over cost. Critical requests (the latest prices, today's bars)
 * go to the provider of the best quality score; routine ones (history backfill, fundamentals, macro
 * series, news) to the cheapest provider whose score is acceptable.
 */
public enum Criticality {
    CRITICAL, ROUTINE;

    /** Data reaching into the last day is what traders act on now; anything older is history. */
    static final Duration RECENT = Duration.ofDays(1);

    /** CRITICAL when the requested range ends within the last day, ROUTINE for older history. */
    public static Criticality ofRangeEnd(Instant to, Instant now) {
        return to.isAfter(now.minus(RECENT)) ? CRITICAL : ROUTINE;
    }
}
