package com.tradesense.marketdata.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * Which closed segments of this writer's journal may be deleted: those whose newest entry is older than
 * {@code maxAge}, and the oldest ones while the journal holds more than {@code maxBytes} (bytes).
 * {@link Duration#ZERO} and 0 switch a bound off. Whatever the bounds, {@link AuditJournal#applyRetention}
 * never deletes an entry above the shipped sequence number it is given, the segment being written, or the
 * segment holding the chain's head.
 */
public record RetentionPolicy(Duration maxAge, long maxBytes) {
    /** Keeps everything. */
    public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(Duration.ZERO, 0);

    public RetentionPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxBytes < 0) {
            throw new IllegalArgumentException("retention bounds must not be negative: " + maxAge + ", " + maxBytes);
        }
    }

    boolean keepsAll() {
        return maxAge.isZero() && maxBytes == 0;
    }
}
