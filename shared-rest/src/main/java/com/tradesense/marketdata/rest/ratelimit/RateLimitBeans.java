package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.RateLimiterFactory;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * Where rate-limit counters live: in this process's memory (standalone default), or in Redis when
 * {@code mde.ratelimit.redis-url} ({@code MDE_RATELIMIT_REDIS_URL}) is set, with local counters at this
 * process's share while Redis is unreachable.
 */
@ApplicationScoped
public class RateLimitBeans {
    private static final Logger LOG = Logger.getLogger(RateLimitBeans.class);

    private final RateLimitConfig config;
    private final Vertx vertx;
    private Redis redis;
    private StoreHealth health = StoreHealth.local();

    public RateLimitBeans(RateLimitConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    @Produces
    @Singleton
    RateLimiterFactory rateLimiters() {
        String url = config.redisUrl().map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (url == null) {
            LOG.info("rate limits: in-process counters (set MDE_RATELIMIT_REDIS_URL to share them through Redis)");
            return RateLimiterFactory.LOCAL;
        }
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setMaxPoolSize(8).setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096));
        health = new StoreHealth(true, config.redisRetryInterval());
        double share = 1.0 / Math.max(1, config.pods());
        StoreHealth h = health;
        LOG.infof("rate limits: counters in Redis at %s; fallback share %.2f", redactUrl(url), share);
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

    @PreDestroy
    void close() {
        if (redis != null) {
            redis.close();
        }
    }

    static String redactUrl(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
