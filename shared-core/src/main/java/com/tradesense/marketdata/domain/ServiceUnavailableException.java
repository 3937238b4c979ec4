package com.tradesense.marketdata.domain;

import java.time.Duration;

/** No provider could serve the request and nothing was cached (status 503 with {@code Retry-After}). */
public final class ServiceUnavailableException extends RuntimeException {
    private final Duration retryAfter;

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** When the client may try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
