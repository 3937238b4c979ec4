package com.tradesense.marketdata.rest.ratelimit;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the shared rate-limit store (Redis) is answering. After a failure the limiters use local
 * counters and ask Redis again only after {@code retryInterval}, so an outage costs one timeout per
 * interval, not one per request: when the interval has passed exactly one request probes Redis (the one that
 * moves the next probe time on), the others keep the local counters until that probe has answered. Without
 * that, every request arriving after the interval would wait out its own timeout at once (seen in
 * bench/chaos.sh: a Redis kill under 64 connections turned into a burst of slow requests every interval).
 */
public final class StoreHealth {
    private static final Logger LOG = Logger.getLogger(StoreHealth.class);

    public enum Mode { LOCAL, REDIS, LOCAL_FALLBACK }

    private final boolean shared;
    private final long retryIntervalNanos;
    /** nanoTime at or after which the next probe of a degraded Redis may go out. */
    private final AtomicLong nextProbe = new AtomicLong();
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
        if (!degraded) {
            return true;
        }
        long at = nextProbe.get();
        long now = System.nanoTime();
        // the winner of this compare-and-set is the one probe of this interval
        return now - at >= 0 && nextProbe.compareAndSet(at, now + retryIntervalNanos);
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
        nextProbe.set(System.nanoTime() + retryIntervalNanos);
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
