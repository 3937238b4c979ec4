package com.tradesense.marketdata.rest.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code mde.cache.*}: which bar cache layers this process uses (none by default: standalone keeps only
 * the per-query response cache of the historical function), and the TTL policy. Each layer is one
 * environment variable: {@code MDE_CACHE_LOCAL_ENABLED=true}, {@code MDE_CACHE_REDIS_URL=redis://host:6379},
 * {@code MDE_CACHE_INFINISPAN_HOSTS=host:11222}, {@code MDE_CACHE_PG_URL=postgresql://user@host:5432/db}. Redis and
 * PostgreSQL are Quarkus clients (rest/store); their URLs here are what shared-rest's defaults hand to them.
 */
@ConfigMapping(prefix = "mde.cache")
public interface CacheConfig {

    Local local();

    /** {@code redis://host:6379}: month chunks of bars in Redis, shared by every process using it. */
    Optional<String> redisUrl();

    /** Month chunks in an Infinispan cache over Hot Rod, between Redis and PostgreSQL. */
    Infinispan infinispan();

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

    /**
     * {@code mde.cache.infinispan.*}. The Hot Rod client is made here, not by quarkus-infinispan-client: checked with
     * 3.33.2, that extension has no inactive state for a client without hosts (its producer throws "No configuration
     * found for the default Infinispan client"), so a process without Infinispan could not start with it on the
     * class path. The settings below mirror that extension's.
     */
    interface Infinispan {
        /** {@code host:11222} (several: {@code host1:11222;host2:11222}); unset: no Infinispan layer. */
        Optional<String> hosts();

        /** Name of the cache holding the chunks. */
        @WithDefault("mde-bars")
        String cache();

        /** User of SASL authentication; unset: none (a server that requires it refuses every call, named at start). */
        Optional<String> username();

        Optional<String> password();

        /** SASL mechanism ({@code SCRAM-SHA-512}, the Infinispan server's default; {@code DIGEST-MD5}, {@code PLAIN}, ...). */
        @WithDefault("SCRAM-SHA-512")
        String saslMechanism();

        /** Security realm of the server's Hot Rod endpoint. */
        @WithDefault("default")
        String realm();

        /** SASL server name of the Hot Rod endpoint. */
        @WithDefault("infinispan")
        String serverName();

        /** PEM file of the CA that signed the server's certificate: TLS on when set. */
        Optional<String> tlsCaFile();

        /** Host name the server certificate must carry (SNI and verification); unset: the host connected to. */
        Optional<String> tlsServerName();

        /** Create the cache with {@link #cacheConfiguration()} when the server does not have it. */
        @WithDefault("true")
        boolean createCache();

        /**
         * The cache's configuration when it is created (Infinispan XML, JSON or YAML): by default distributed over the
         * server's nodes with two owners, values as the engine's own binary encoding, entries expiring by lifespan.
         */
        @WithDefault("<distributed-cache mode=\"SYNC\" owners=\"2\"><encoding media-type=\"application/x-protostream\"/>"
                + "<expiration interval=\"60000\"/></distributed-cache>")
        String cacheConfiguration();
    }

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
