package com.tradesense.marketdata.routing;

import java.time.Duration;

/**
 * No provider answered a routed request. Services turn it into their own 404 (every provider said the
 * data does not exist) or 503 (none could answer now, with the soonest retry-after any of them gave).
 */
public final class NoProviderAnswered extends RuntimeException {
    private final int asked;
    private final boolean onlyNotCovered;
    private final Duration retryAfter;

    public NoProviderAnswered(int asked, boolean onlyNotCovered, Duration retryAfter) {
        super(asked == 0 ? "no provider serves this" : "none of " + asked + " providers answered");
        this.asked = asked;
        this.onlyNotCovered = onlyNotCovered;
        this.retryAfter = retryAfter;
    }

    /** Capable providers there were (0: none serves this market and data type). */
    public int asked() {
        return asked;
    }

    /** Every provider asked said it does not have the data (not a failure: a 404). */
    public boolean onlyNotCovered() {
        return asked > 0 && onlyNotCovered;
    }

    /** The soonest time any of them said it could be asked again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Duration retryAfterOr(Duration fallback) {
        return retryAfter == null ? fallback : retryAfter;
    }
}
