package com.tradesense.marketdata.bench.ratelimit;

import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateClock;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.rest.ratelimit.RedisRateLimiter;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one Redis-backed decision (one EVALSHA of the limiter's Lua script): latency of sequential
 * calls (µs per check, p50/p99) and throughput with 64 calls in flight, per algorithm. Run against the
 * Redis the tests use:
 * {@code java -cp bench/jmh/target/benchmarks.jar com.tradesense.marketdata.bench.ratelimit.RedisRateLimitTiming [redis://127.0.0.1:6379] [checks]}
 */
public final class RedisRateLimitTiming {
    private RedisRateLimitTiming() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("MDE_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setMaxPoolSize(8).setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096));
        try {
            System.out.printf("Redis %s, %d checks per run (keys: 1024 clients), limits mostly granting%n", url, checks);
            System.out.printf("%-44s %10s %10s %10s %14s%n", "quota", "seq p50 µs", "seq p99 µs", "seq mean µs", "64 in flight/s");
            for (String spec : new String[]{"1000/1m burst 1000 token-bucket", "1000/1m sliding", "1000/1m burst 1000 gcra",
                    "500/1d", "5/1m sliding, 500/1d@America/New_York"}) {
                RedisRateLimiter l = new RedisRateLimiter(redis, "bench-" + UUID.randomUUID(), Quota.parse(spec), Duration.ofSeconds(5));
                run(l, checks / 4, null);                   // warm-up (and the script load)
                Histogram h = new Histogram(3);
                long t0 = System.nanoTime();
                run(l, checks, h);
                double mean = (System.nanoTime() - t0) / 1000.0 / checks;
                double rate = pipelined(l, checks, 64);
                System.out.printf("%-44s %10.1f %10.1f %10.1f %14.0f%n", spec, h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0, mean, rate);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private static void run(RedisRateLimiter l, int n, Histogram h) {
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            RateDecision d = l.tryAcquire("10.0.0." + (i & 1023), 1, RateClock.SYSTEM.nanos());
            if (h != null) {
                h.recordValue(System.nanoTime() - t);
            }
            if (d == null) {
                throw new IllegalStateException();
            }
        }
    }

    private static double pipelined(RedisRateLimiter l, int n, int inFlight) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        CompletableFuture<Void> done = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            l.tryAcquireAsync("10.0.1." + (i & 1023), 1, RateClock.SYSTEM.nanos()).whenComplete((d, e) -> {
                window.release();
                if (e != null) {
                    done.completeExceptionally(e);
                } else if (left.decrementAndGet() == 0) {
                    done.complete(null);
                }
            });
        }
        done.get(60, TimeUnit.SECONDS);
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
