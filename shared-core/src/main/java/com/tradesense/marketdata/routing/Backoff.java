package com.tradesense.marketdata.routing;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1 for the first) wait a uniformly random
 * time in {@code [0, min(max, base * 2^(n-1))]}. Full jitter spreads the retries of many callers hit by
 * the same outage instead of having them knock again in step.
 */
public record Backoff(Duration base, Duration max) {
    public Backoff {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= max, not " + base + " / " + max);
        }
    }

    /** The ceiling of the wait before retry {@code retry} (1-based). */
    public long ceilingNanos(int retry) {
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long grown = base.toNanos() << shift;
        return grown < 0 ? max.toNanos() : Math.min(max.toNanos(), grown);
    }

    /** A wait before retry {@code retry}, drawing from {@code uniform} (values in [0, 1)). */
    public long delayNanos(int retry, DoubleSupplier uniform) {
        return (long) (uniform.getAsDouble() * ceilingNanos(retry));
    }
}
