package com.tradesense.marketdata.rest.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code mde.cache.*}: which bar cache layers this process uses (none by default: standalone keeps only
 * the per-query response cache of the historical function), and the TTL policy. Each layer is one
 * environment variable: {@code MDE_CACHE_LOCAL_ENABLED=true}, {@code MDE_CACHE_REDIS_URL=redis://host:6379},
 * {@code MDE_CACHE_INFINISPAN_HOSTS=host:11222}, {@code MDE_CACHE_PG_URL=postgresql://user@host:5432/db}.
 */
@ConfigMapping(prefix = "mde.cache")
public interface CacheConfig {

    Local local();

    /** {@code redis://host:6379}: month chunks of bars in Redis, shared by every process using it. */
    Optional<String> redisUrl();

    /**
     * {@code host:11222} (several: {@code host1:11222;host2:11222}): month chunks in an Infinispan cache over
     * Hot Rod, without authentication, between Redis and PostgreSQL.
     */
    Optional<String> infinispanHosts();

    /** Name of the Infinispan cache holding the chunks (it must exist on the server). */
    @WithDefault("mde-bars")
    String infinispanCache();

    /** {@code postgresql://user:password@host:5432/db}: bars in PostgreSQL, the durable layer. */
    Optional<String> pgUrl();

    /** Schema of the PostgreSQL tables, created with them at start. */
    @WithDefault("mde")
    String pgSchema();

    /** Longest wait for one store call before the layer counts as unreachable. */
    @WithDefault("500ms")
    Duration timeout();

    /** After a store failure, how long the layer is skipped before it is tried again. */
    @WithDefault("5s")
    Duration retryInterval();

    Ttl ttl();

    /**
     * How long the stores keep a chunk past its TTL: while a provider answers it is not served, but when none
     * does it is, marked {@code source.stale=true} with the {@code asOf} it was fetched at.
     */
    @WithDefault("24h")
    Duration staleGrace();

    interface Local {
        /** Month chunks in this process's memory, above the shared layers. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("20000")
        int maxChunks();
    }

    /** The seed's TTL policy ({@code 0s} for closed months: kept until invalidated). */
    interface Ttl {
        @WithDefault("1s")
        Duration realtime();

        @WithDefault("5m")
        Duration intraday();

        @WithDefault("1h")
        Duration daily();

        @WithDefault("30d")
        Duration closed();

        @WithDefault("24h")
        Duration fundamentals();

        @WithDefault("2d")
        Duration settle();

        @WithDefault("1h")
        Duration corporateActions();

        @WithDefault("6h")
        Duration economic();

        @WithDefault("1m")
        Duration news();
    }
}
