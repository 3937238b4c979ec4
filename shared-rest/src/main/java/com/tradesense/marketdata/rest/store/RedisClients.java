package com.tradesense.marketdata.rest.store;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.client.RedisClientName;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Optional;

/**
 * The engine's Redis clients, one per concern, made and closed by quarkus-redis-client from
 * {@code quarkus.redis.<name>.*} (which shared-rest's defaults derive from {@code mde.<concern>.redis-url} and
 * {@code mde.redis.*}): standalone or cluster, TLS ({@code rediss://}), user and password. A client whose URL is
 * unset is inactive, and its concern runs without Redis.
 */
@ApplicationScoped
public class RedisClients {
    /** Client names: also the middle part of their Quarkus keys ({@code quarkus.redis.cache.hosts}). */
    public static final String CACHE = "cache";
    public static final String RATE_LIMITS = "ratelimit";
    public static final String STREAM = "stream";

    private final InjectableInstance<Redis> cache;
    private final InjectableInstance<Redis> rateLimits;
    private final InjectableInstance<Redis> stream;
    private final Config config;

    public RedisClients(@RedisClientName(CACHE) InjectableInstance<Redis> cache,
                        @RedisClientName(RATE_LIMITS) InjectableInstance<Redis> rateLimits,
                        @RedisClientName(STREAM) InjectableInstance<Redis> stream, Config config) {
        this.config = config;
        this.cache = cache;
        this.rateLimits = rateLimits;
        this.stream = stream;
    }

    /** The bar cache layer's and invalidation bus's client ({@code mde.cache.redis-url}), if configured. */
    public Optional<Redis> cache() {
        return active(cache);
    }

    /** The shared rate-limit counters' client ({@code mde.ratelimit.redis-url}), if configured. */
    public Optional<Redis> rateLimits() {
        return active(rateLimits);
    }

    /** Services mode's stream bus client ({@code mde.stream.redis-url}), if configured. */
    public Optional<Redis> stream() {
        return active(stream);
    }

    /** True when client {@code name} talks to a Redis Cluster: commands that walk one server (SCAN, INFO) then see one node. */
    public boolean cluster(String name) {
        return config.getOptionalValue("quarkus.redis." + name + ".client-type", RedisClientType.class).orElse(RedisClientType.STANDALONE)
                == RedisClientType.CLUSTER;
    }

    private static Optional<Redis> active(InjectableInstance<Redis> client) {
        List<Redis> active = client.listActive();
        return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0));
    }
}
