package com.tradesense.marketdata.ratelimit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether {@code permits} may be spent now under one {@link Quota}, per key (a client, a
 * symbol, a provider). Granting consumes; a denial consumes nothing in any window. Implementations
 * are thread-safe and exact under concurrency: N callers racing for the last permit get one grant.
 */
public interface RateLimiter {

    /**
     * @param key       what is limited (client id, symbol, provider id); keys are independent
     * @param permits   how many to take at once, at least 1
     * @param nowNanos  the caller's clock, epoch nanoseconds ({@link RateClock})
     */
    RateDecision tryAcquire(String key, int permits, long nowNanos);

    /**
     * The same decision without blocking the caller's thread: implementations that talk to a server
     * (Redis) complete it later; in-memory ones return an already completed stage.
     */
    default CompletionStage<RateDecision> tryAcquireAsync(String key, int permits, long nowNanos) {
        return CompletableFuture.completedFuture(tryAcquire(key, permits, nowNanos));
    }

    /** The quota this limiter enforces (per key). */
    Quota quota();
}
