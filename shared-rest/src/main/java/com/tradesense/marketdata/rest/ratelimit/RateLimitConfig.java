package com.tradesense.marketdata.rest.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mde.ratelimit.*}: inbound limits per client, symbol and market, where counters live, and the
 * provider quota settings read by the core ({@code EngineBeans}). Quotas are written as in
 * {@link com.tradesense.marketdata.ratelimit.Window}: {@code 1000/1m}, {@code 100/1s burst 200 gcra}.
 */
@ConfigMapping(prefix = "mde.ratelimit")
public interface RateLimitConfig {

    /** Inbound limits on /api/v1/** (provider quotas apply regardless). */
    @WithDefault("true")
    boolean enabled();

    /** {@code redis://host:6379}: share counters through Redis; unset: in this process's memory. */
    Optional<String> redisUrl();

    /** Longest wait for Redis before a decision falls back to local counters. */
    @WithDefault("100ms")
    Duration redisTimeout();

    /** After a Redis failure, how long local counters are used before Redis is tried again. */
    @WithDefault("5s")
    Duration redisRetryInterval();

    /** Processes sharing the limits: while Redis is unreachable, each enforces 1/pods of every limit locally. */
    @WithDefault("1")
    int pods();

    Inbound inbound();

    /** Provider quota overrides by provider id ({@code none} removes one); read by the core's EngineBeans. */
    Map<String, String> provider();

    /** How long a provider call may wait for its quota before the next provider is asked. */
    @WithDefault("250ms")
    Duration providerMaxWait();

    /** How many calls may wait for one provider's quota at once. */
    @WithDefault("16")
    int providerQueue();

    interface Inbound {
        /** Per unauthenticated client (X-API-Key header, else remote address): only when mde.auth.enabled=false. */
        @WithDefault("1000/1m")
        String client();

        /** Per authenticated client (token subject) on plan free. */
        @WithDefault("300/1m")
        String free();

        /** Per authenticated client on plan pro. */
        @WithDefault("1000/1m")
        String pro();

        /** Per authenticated client on plan enterprise. */
        @WithDefault("5000/1m")
        String enterprise();

        /** Per client and symbol. */
        @WithDefault("100/1m")
        String symbol();

        /** Per market, all clients together. */
        @WithDefault("5000/1m")
        String market();

        /** Bursts of this many times the rate ... */
        @WithDefault("2")
        double burstMultiplier();

        /** ... sustained for this long from a full bucket. */
        @WithDefault("30s")
        Duration burstDuration();
    }
}
