package com.tradesense.marketdata.ratelimit;

/**
 * The answer to one {@link RateLimiter#tryAcquire}. Where a quota has several windows, the figures are
 * those of the most constraining window (the one with the fewest permits left).
 *
 * @param allowed         true when the permits were granted (and consumed)
 * @param limit           the window's limit: its capacity in permits (burst for buckets)
 * @param remaining       permits still available right after this decision, at least 0
 * @param resetNanos      nanoseconds until the window is whole again (all {@code limit} permits available)
 * @param retryAfterNanos when denied, nanoseconds until the same request would be granted;
 *                        {@link Long#MAX_VALUE} when it never can (more permits than the capacity); 0 when allowed
 */
public record RateDecision(boolean allowed, long limit, long remaining, long resetNanos, long retryAfterNanos) {
    /** A decision for keys nothing limits. */
    public static final RateDecision UNLIMITED = new RateDecision(true, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0);

    public boolean unlimited() {
        return limit == Long.MAX_VALUE;
    }

    /** The share of the limit in use after this decision, 0..1 (0 for unlimited keys). */
    public double usage() {
        if (unlimited() || limit <= 0) {
            return 0.0;
        }
        return Math.min(1.0, Math.max(0.0, (limit - remaining) / (double) limit));
    }

    /** Whole seconds, rounded up, as HTTP headers want them ({@code Retry-After}, {@code RateLimit-Reset}). */
    public static long ceilSeconds(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        if (nanos == Long.MAX_VALUE) {
            return Long.MAX_VALUE / 1_000_000_000L;
        }
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** The tighter of two decisions: denied beats allowed, then fewer remaining. */
    public RateDecision tighter(RateDecision other) {
        if (allowed != other.allowed) {
            return allowed ? other : this;
        }
        if (!allowed) {
            return retryAfterNanos >= other.retryAfterNanos ? this : other;
        }
        return remaining <= other.remaining ? this : other;
    }
}
