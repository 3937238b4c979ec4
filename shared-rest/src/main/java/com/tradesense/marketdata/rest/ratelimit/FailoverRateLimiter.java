package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.ratelimit.RateLimiter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Redis first; while Redis cannot answer, this process's share of the limit in memory (so N processes
 * together stay near the limit instead of each granting all of it). The {@link StoreHealth} is shared by
 * every limiter of the process: after a failure none of them asks Redis until the retry interval passes.
 */
final class FailoverRateLimiter implements RateLimiter {
    private final RedisRateLimiter redis;
    private final LocalRateLimiter local;
    private final StoreHealth health;

    FailoverRateLimiter(RedisRateLimiter redis, LocalRateLimiter local, StoreHealth health) {
        this.redis = redis;
        this.local = local;
        this.health = health;
    }

    @Override
    public Quota quota() {
        return redis.quota();
    }

    @Override
    public RateDecision tryAcquire(String key, int permits, long nowNanos) {
        if (!health.tryRedis()) {
            return local.tryAcquire(key, permits, nowNanos);
        }
        try {
            RateDecision d = redis.tryAcquire(key, permits, nowNanos);
            health.succeeded();
            return d;
        } catch (RuntimeException e) {
            health.failed(e);
            return local.tryAcquire(key, permits, nowNanos);
        }
    }

    @Override
    public CompletionStage<RateDecision> tryAcquireAsync(String key, int permits, long nowNanos) {
        if (!health.tryRedis()) {
            return CompletableFuture.completedFuture(local.tryAcquire(key, permits, nowNanos));
        }
        return redis.tryAcquireAsync(key, permits, nowNanos).handle((d, e) -> {
            if (e == null) {
                health.succeeded();
                return d;
            }
            health.failed(e);
            return local.tryAcquire(key, permits, nowNanos);
        });
    }
}
