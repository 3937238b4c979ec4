package com.tradesense.marketdata.ratelimit;

import java.time.Instant;

/**
 * The time rate limiters decide by: epoch nanoseconds (UTC). Wall-clock based rather than
 * {@code System.nanoTime()} because daily quotas reset at midnight in a vendor's time zone and
 * because counters shared through Redis must agree between processes.
 */
@FunctionalInterface
public interface RateClock {
    /** Now, in nanoseconds since 1970-01-01T00:00Z. */
    long nanos();

    /** The system clock (microsecond resolution on Linux). */
    RateClock SYSTEM = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };

    static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
