package com.tradesense.marketdata.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * When the journal starts a new segment: once the current one would grow past {@code segmentMaxBytes}
 * (bytes), or once its first entry is {@code segmentMaxAge} old ({@link Duration#ZERO}: never by age).
 * A segment holds at least one entry, so a single entry larger than the bound still gets written.
 * {@code clock} is the time rotation and retention go by.
 */
public record JournalSettings(long segmentMaxBytes, Duration segmentMaxAge, Clock clock) {
    public static final long DEFAULT_SEGMENT_MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_SEGMENT_MAX_AGE = Duration.ofDays(1);

    public JournalSettings {
        if (segmentMaxBytes <= 0) {
            throw new IllegalArgumentException("segment max bytes must be positive, not " + segmentMaxBytes);
        }
        Objects.requireNonNull(segmentMaxAge, "segmentMaxAge");
        if (segmentMaxAge.isNegative()) {
            throw new IllegalArgumentException("segment max age must not be negative, not " + segmentMaxAge);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 64 MiB or one day, on the system clock. */
    public static JournalSettings defaults() {
        return new JournalSettings(DEFAULT_SEGMENT_MAX_BYTES, DEFAULT_SEGMENT_MAX_AGE, Clock.systemUTC());
    }
}
