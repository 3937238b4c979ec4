package com.tradesense.marketdata.rest.ratelimit;

import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Whether the shared rate-limit store (Redis) is answering. After a failure the limiters use local
 * counters and ask Redis again only after {@code retryInterval}, so an outage costs one timeout per
 * interval, not one per request.
 */
public final class StoreHealth {
    private static final Logger LOG = Logger.getLogger(StoreHealth.class);

    public enum Mode { LOCAL, REDIS, LOCAL_FALLBACK }

    private final boolean shared;
    private final long retryIntervalNanos;
    private volatile long downUntil;
    private volatile boolean degraded;
    private volatile String lastError;
    private volatile long failures;

    StoreHealth(boolean shared, Duration retryInterval) {
        this.shared = shared;
        this.retryIntervalNanos = retryInterval.toNanos();
    }

    public static StoreHealth local() {
        return new StoreHealth(false, Duration.ZERO);
    }

    boolean tryRedis() {
        return !degraded || System.nanoTime() - downUntil >= 0;
    }

    void succeeded() {
        if (degraded) {
            degraded = false;
            LOG.infof("rate limits: Redis answers again, shared limits restored");
        }
    }

    void failed(Throwable e) {
        failures++;
        lastError = String.valueOf(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
        downUntil = System.nanoTime() + retryIntervalNanos;
        if (!degraded) {
            degraded = true;
            LOG.warnf("rate limits: Redis unreachable (%s): local limits at this process's share until it answers", lastError);
        }
    }

    public Mode mode() {
        return !shared ? Mode.LOCAL : degraded ? Mode.LOCAL_FALLBACK : Mode.REDIS;
    }

    public String lastError() {
        return lastError;
    }

    public long failures() {
        return failures;
    }
}
