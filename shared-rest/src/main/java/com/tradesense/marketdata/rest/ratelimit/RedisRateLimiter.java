package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.Algorithm;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.ratelimit.RateLimiter;
import com.tradesense.marketdata.ratelimit.Window;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link RateLimiter} whose counters live in Redis, so that every process sharing the Redis shares the
 * limit. One round trip per decision: the Lua script {@code ratelimit/acquire.lua} checks every window of
 * the quota and takes from all or none, atomically (Redis runs one script at a time). Same algorithms as
 * the in-memory limiter, in microseconds. Keys: {@code mde:rl:<name>:{<key>}:<window>} (the braces keep a
 * key's windows in one Redis Cluster slot); a calendar day's key also names the day.
 *
 * <p>Time comes from the caller ({@code now}), so processes are assumed NTP-synchronized; a skew of a few
 * milliseconds shifts a sliding window by as much.
 */
public final class RedisRateLimiter implements RateLimiter {
    static final String SCRIPT = loadScript();
    static final String SHA = sha1(SCRIPT);
    private static final long NANOS_PER_MICRO = 1000;

    private final Redis redis;
    private final String name;
    private final Quota quota;
    private final Window[] windows;
    private final String[] kinds;
    private final String[] limits;
    private final String[] costs;
    private final String[] periods;
    private final Duration timeout;
    /** Per calendar-day window: the current day's end (µs), recomputed when passed. */
    private final long[] dayEnd;

    public RedisRateLimiter(Redis redis, String name, Quota quota, Duration timeout) {
        this.redis = redis;
        this.name = name;
        this.quota = quota;
        this.timeout = timeout;
        this.windows = quota.windows().toArray(new Window[0]);
        int n = windows.length;
        kinds = new String[n];
        limits = new String[n];
        costs = new String[n];
        periods = new String[n];
        dayEnd = new long[n];
        for (int i = 0; i < n; i++) {
            Window w = windows[i];
            long periodMicros = w.period().toNanos() / NANOS_PER_MICRO;
            long costMicros = (periodMicros + w.permits() - 1) / w.permits();
            kinds[i] = switch (w.algorithm()) {
                case TOKEN_BUCKET -> "tb";
                case GCRA -> "gcra";
                case SLIDING_LOG -> "log";
                case CALENDAR_DAY -> "day";
            };
            limits[i] = Long.toString(w.burst());
            costs[i] = Long.toString(costMicros);
            periods[i] = Long.toString(periodMicros);
        }
    }

    @Override
    public Quota quota() {
        return quota;
    }

    /** Blocks the calling thread for at most the timeout: use from worker threads only. */
    @Override
    public RateDecision tryAcquire(String key, int permits, long nowNanos) {
        try {
            return tryAcquireAsync(key, permits, nowNanos).toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new RedisLimiterException(e.getCause());
        } catch (TimeoutException e) {
            throw new RedisLimiterException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisLimiterException(e);
        }
    }

    @Override
    public CompletionStage<RateDecision> tryAcquireAsync(String key, int permits, long nowNanos) {
        long nowMicros = nowNanos / NANOS_PER_MICRO;
        CompletableFuture<RateDecision> result = new CompletableFuture<>();
        redis.send(request(Command.EVALSHA, SHA, key, permits, nowMicros)).onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(decode(ar.result()));
            } else if (String.valueOf(ar.cause().getMessage()).startsWith("NOSCRIPT")) {
                // first use on this Redis (or after SCRIPT FLUSH): send the script itself, which also caches it
                redis.send(request(Command.EVAL, SCRIPT, key, permits, nowMicros)).onComplete(ar2 -> {
                    if (ar2.succeeded()) {
                        result.complete(decode(ar2.result()));
                    } else {
                        result.completeExceptionally(ar2.cause());
                    }
                });
            } else {
                result.completeExceptionally(ar.cause());
            }
        });
        return result.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Request request(Command cmd, String script, String key, int permits, long nowMicros) {
        Request r = Request.cmd(cmd).arg(script).arg(windows.length);
        String prefix = "mde:rl:" + name + ":{" + key + "}:";
        for (int i = 0; i < windows.length; i++) {
            r.arg(kinds[i].equals("day") ? prefix + i + ":" + dayEnd(i, nowMicros) : prefix + i);
        }
        r.arg(nowMicros).arg(permits);
        for (int i = 0; i < windows.length; i++) {
            r.arg(kinds[i]).arg(limits[i]).arg(kinds[i].equals("day") ? Long.toString(dayEnd(i, nowMicros)) : costs[i]).arg(periods[i]);
        }
        return r;
    }

    private long dayEnd(int i, long nowMicros) {
        long end = dayEnd[i];
        if (nowMicros >= end || nowMicros < end - 90_000_000_000L) {
            ZoneId zone = windows[i].zone();
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(nowMicros / 1_000_000), zone);
            Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
            end = next.getEpochSecond() * 1_000_000L;
            dayEnd[i] = end;
        }
        return end;
    }

    private static RateDecision decode(Response r) {
        boolean allowed = r.get(0).toLong() == 1;
        long retry = r.get(4).toLong();
        return new RateDecision(allowed, r.get(1).toLong(), Math.max(0, r.get(2).toLong()),
                Math.max(0, r.get(3).toLong()) * NANOS_PER_MICRO,
                allowed ? 0 : retry < 0 ? Long.MAX_VALUE : Math.max(1, retry) * NANOS_PER_MICRO);
    }

    /** Redis could not be asked (down, timed out, script error): the caller falls back to local limits. */
    public static final class RedisLimiterException extends RuntimeException {
        RedisLimiterException(Throwable cause) {
            super("rate-limit store unavailable: " + cause, cause);
        }
    }

    private static String loadScript() {
        try (InputStream in = RedisRateLimiter.class.getClassLoader().getResourceAsStream("ratelimit/acquire.lua")) {
            if (in == null) {
                throw new IllegalStateException("missing resource ratelimit/acquire.lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isCalendarDay(Window w) {
        return w.algorithm() == Algorithm.CALENDAR_DAY;
    }
}
