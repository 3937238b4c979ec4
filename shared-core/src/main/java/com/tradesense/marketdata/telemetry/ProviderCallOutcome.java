package com.tradesense.marketdata.telemetry;

import com.tradesense.marketdata.provider.ProviderException;

import java.util.Locale;

/** How one provider call ended; the {@code outcome} label of {@code mde_provider_requests_seconds}. */
public enum ProviderCallOutcome {
    SUCCESS,
    /** Timed out, refused, 5xx. Counts against the provider's health. */
    UNAVAILABLE,
    /** The provider's quota was spent. */
    RATE_LIMITED,
    /** The answer did not have the documented shape. Counts against the provider's health. */
    BAD_RESPONSE,
    /** The provider does not have that symbol, range or interval: not a health problem. */
    NOT_COVERED,
    /** Anything else escaping an adapter: a bug. Counts against the provider's health. */
    UNEXPECTED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** True for the outcomes that say the provider is unhealthy (the error-rate alert counts these). */
    public boolean isProviderError() {
        return this == UNAVAILABLE || this == BAD_RESPONSE || this == UNEXPECTED;
    }

    public static ProviderCallOutcome of(ProviderException e) {
        return switch (e.reason()) {
            case UNAVAILABLE -> UNAVAILABLE;
            case RATE_LIMITED -> RATE_LIMITED;
            case BAD_RESPONSE -> BAD_RESPONSE;
            case NOT_COVERED -> NOT_COVERED;
        };
    }
}
