package com.tradesense.marketdata.provider;

import com.tradesense.marketdata.secrets.Redaction;

import java.time.Duration;

/**
 * A provider could not answer. The {@link Reason} tells the router whether trying another provider,
 * or the same one later, can help.
 */
public final class ProviderException extends RuntimeException {

    public enum Reason {
        /** Timed out, connection refused, 5xx: try another provider; count against its health. */
        UNAVAILABLE,
        /** The provider's quota is spent: try another provider; this one again after {@code retryAfter}. */
        RATE_LIMITED,
        /** The answer did not have the documented shape: a loud failure, never passed on to clients. */
        BAD_RESPONSE,
        /** The provider does not have this symbol, range or interval. */
        NOT_COVERED
    }

    private final String provider;
    private final Reason reason;
    private final Duration retryAfter;

    public ProviderException(String provider, Reason reason, String message, Duration retryAfter, Throwable cause) {
        // Vendor messages quote URLs and bodies, which can carry the API key: masked before anyone sees them.
        super(Redaction.redact(provider + ": " + message), cause);
        this.provider = provider;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public ProviderException(String provider, Reason reason, String message) {
        this(provider, reason, message, null, null);
    }

    public String provider() {
        return provider;
    }

    public Reason reason() {
        return reason;
    }

    /** How long until the provider can be asked again, or {@code null} when unknown. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
