package com.tradesense.marketdata.ratelimit;

/**
 * Makes limiters: in memory ({@link #LOCAL}), or backed by a shared store so that a limit holds across
 * processes (the Redis factory of the REST edge).
 */
@FunctionalInterface
public interface RateLimiterFactory {
    /**
     * @param name  namespace of the limiter's keys in a shared store ({@code provider}, {@code client}...):
     *              two limiters of one name share counters
     */
    RateLimiter create(String name, Quota quota);

    RateLimiterFactory LOCAL = (name, quota) -> new LocalRateLimiter(quota);
}
