package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.RateLimiterFactory;
import com.tradesense.marketdata.rest.store.RedisClients;
import io.quarkus.runtime.StartupEvent;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * Where rate-limit counters live: in this process's memory (standalone default), or in Redis when
 * {@code mde.ratelimit.redis-url} ({@code MDE_RATELIMIT_REDIS_URL}) is set, with local counters at this
 * process's share while Redis is unreachable. The client is quarkus-redis-client's {@code ratelimit} client
 * ({@link RedisClients}): standalone or cluster, TLS and credentials as configured under {@code mde.redis.*}.
 */
@ApplicationScoped
public class RateLimitBeans {
    private static final Logger LOG = Logger.getLogger(RateLimitBeans.class);

    private final RateLimitConfig config;
    private Redis redis;
    private StoreHealth health = StoreHealth.local();

    private final RedisClients redisClients;

    public RateLimitBeans(RateLimitConfig config, RedisClients redisClients) {
        this.config = config;
        this.redisClients = redisClients;
    }

    @Produces
    @Singleton
    RateLimiterFactory rateLimiters() {
        redis = redisClients.rateLimits().orElse(null);
        if (redis == null) {
            LOG.info("rate limits: in-process counters (set MDE_RATELIMIT_REDIS_URL to share them through Redis)");
            return RateLimiterFactory.LOCAL;
        }
        health = new StoreHealth(true, config.redisRetryInterval());
        double share = 1.0 / Math.max(1, config.pods());
        StoreHealth h = health;
        LOG.infof("rate limits: counters in Redis at %s; fallback share %.2f",
                config.redisUrl().map(RateLimitBeans::redactUrl).orElse("(quarkus.redis.ratelimit.hosts)"), share);
        return (name, quota) -> new FailoverRateLimiter(new RedisRateLimiter(redis, name, quota, config.redisTimeout()),
                new LocalRateLimiter(quota.scaled(share)), h);
    }

    /**
     * Opens a Redis connection and loads the script at start, so the first requests do not pay for
     * either (and time out into the local fallback); an unreachable Redis shows in readiness at once.
     */
    void warmUp(@Observes StartupEvent start, RateLimiterFactory factory) {
        if (redis == null) {
            return;
        }
        try {
            redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(RedisRateLimiter.SCRIPT))
                    .toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            health.failed(e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e);
        }
    }

    /** How long start-up waits for Redis to load the script, seconds. */
    private static final int STARTUP_TIMEOUT_S = 3;

    /** The store's state, for readiness and metrics. */
    public StoreHealth health() {
        return health;
    }

    static String redactUrl(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
