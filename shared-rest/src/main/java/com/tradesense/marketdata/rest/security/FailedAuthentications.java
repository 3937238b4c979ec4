package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateDecision;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Failed authentications per remote address, in this process ({@code mde.auth.failed-auth-limit}, 20 a minute):
 * past the limit the address is refused (429, or the stream's 4003) before any credential it sends is looked at,
 * until the window frees up. A flood of forged tokens or guessed API keys so costs the flooder, not the verifier or
 * the key store. Shared by the HTTP filter and the stream's {@code auth} message, so both count against one limit.
 */
// @Singleton, not @ApplicationScoped: no client proxy between the auth filter and this on every request
@Singleton
public class FailedAuthentications {
    private final LocalRateLimiter failures;
    private final String limit;

    @Inject
    public FailedAuthentications(AuthConfig config) {
        this(config.failedAuthLimit());
    }

    FailedAuthentications(String limit) {
        this.limit = limit;
        this.failures = new LocalRateLimiter(Quota.parse(limit));
    }

    /** The limit as configured ({@code n/period}), for problem details. */
    public String limit() {
        return limit;
    }

    /**
     * Null while the address may still try; else the decision to answer with (it has no failure left). Costs one
     * map lookup for an address that never failed: this runs before every authentication.
     */
    public RateDecision refusal(String address) {
        if (!failures.tracks(address)) {
            return null;
        }
        RateDecision d = failures.peek(address, System.nanoTime());
        return !d.allowed() || d.remaining() <= 0 ? d : null;
    }

    /** Counts one failure of the address; the decision is refused once the limit was already spent. */
    public RateDecision failed(String address) {
        return failures.tryAcquire(address, 1, System.nanoTime());
    }

    /** Whole seconds until the address may try again (at least 1). */
    public static long retryAfterSeconds(RateDecision d) {
        return Math.max(1, RateDecision.ceilSeconds(Math.max(d.retryAfterNanos(), d.resetNanos())));
    }
}
