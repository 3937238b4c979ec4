package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.ManualClock;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.ratelimit.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against a real Redis ({@code MDE_TEST_REDIS_URL}, set by scripts/test-env.sh; without it the machine's
 * 127.0.0.1:6379 is tried and the tests are skipped only if nothing answers there). Two independent
 * clients, each with its own Vert.x instance and connection pool, stand for two processes.
 */
class RedisRateLimiterTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static Vertx vertxA;
    static Vertx vertxB;
    static Redis redisA;
    static Redis redisB;

    static String redisUrl() {
        String env = System.getenv("MDE_TEST_REDIS_URL");
        return env == null || env.isBlank() ? "redis://127.0.0.1:6379" : env;
    }

    @BeforeAll
    static void connect() throws Exception {
        vertxA = Vertx.vertx();
        vertxB = Vertx.vertx();
        redisA = Redis.createClient(vertxA, new RedisOptions().setConnectionString(redisUrl()).setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096));
        redisB = Redis.createClient(vertxB, new RedisOptions().setConnectionString(redisUrl()).setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096));
        boolean up;
        try {
            up = "PONG".equals(redisA.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture()
                    .get(3, TimeUnit.SECONDS).toString());
        } catch (Exception e) {
            up = false;
        }
        assumeTrue(up || System.getenv("MDE_TEST_REDIS_URL") != null, "no Redis at " + redisUrl());
        assertThat(up).as("Redis at MDE_TEST_REDIS_URL=" + redisUrl()).isTrue();
    }

    @AfterAll
    static void close() {
        if (vertxA != null) {
            vertxA.close();
            vertxB.close();
        }
    }

    /** A fresh namespace per limiter, so runs never see each other's counters. */
    static RedisRateLimiter limiter(Redis redis, String ns, String spec) {
        return new RedisRateLimiter(redis, ns, Quota.parse(spec), TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100/1m sliding", "100/1m token-bucket", "100/1m gcra", "100/1d", "100/1m sliding, 1000/1d@America/New_York"})
    void sixtyFourThreadsOnTwoClientsSharingRedisAdmitExactlyAHundred(String spec) throws Exception {
        String ns = "test-" + UUID.randomUUID();
        RateLimiter a = limiter(redisA, ns, spec);
        RateLimiter b = limiter(redisB, ns, spec);
        long now = ManualClockNow.now();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger viaB = new AtomicInteger();
        for (int t = 0; t < 64; t++) {
            RateLimiter mine = t % 2 == 0 ? a : b;
            boolean isB = t % 2 == 1;
            pool.execute(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        if (mine.tryAcquire("client-1", 1, now).allowed()) {
                            granted.incrementAndGet();
                            if (isB) {
                                viaB.incrementAndGet();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(granted.get()).isEqualTo(100);
        assertThat(viaB.get()).as("both clients got some").isBetween(1, 99);
    }

    /** The Lua script makes the same decisions as the in-memory meters over random histories. */
    @ParameterizedTest
    @ValueSource(strings = {"sliding", "token-bucket", "gcra"})
    void redisDecidesLikeTheLocalLimiter(String algorithm) {
        for (int run = 0; run < 5; run++) {
            long seed = new SplittableRandom().nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int permits = 1 + rnd.nextInt(10);
            // whole µs per permit: both round alike. At least 1 s per permit: Redis expires a key on its own (real)
            // clock, period + 1 ms after the last admission, while this test moves a manual clock; with periods of a
            // few ms a loaded machine let the key expire in Redis between two calls (seen: 2/8ms, seed
            // -3348666892401444240, Redis admitting what the manual clock still counted)
            long periodMs = permits * (long) (1_000 + rnd.nextInt(500));
            int burst = algorithm.equals("sliding") ? permits : 1 + rnd.nextInt(permits * 2);
            String spec = permits + "/" + periodMs + "ms" + (algorithm.equals("sliding") ? "" : " burst " + burst) + " " + algorithm;
            RedisRateLimiter redis = limiter(redisA, "eq-" + UUID.randomUUID(), spec);
            LocalRateLimiter local = new LocalRateLimiter(Quota.parse(spec));
            ManualClock clock = new ManualClock(Instant.parse("2026-03-06T12:00:00Z"));
            List<String> diffs = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                clock.advanceNanos(1000L * rnd.nextLong(periodMs * 1000 / permits + 1));
                int n = 1 + rnd.nextInt(Math.min(3, burst));
                RateDecision r = redis.tryAcquire("k", n, clock.nanos());
                RateDecision l = local.tryAcquire("k", n, clock.nanos());
                if (r.allowed() != l.allowed() || r.remaining() != l.remaining() || r.retryAfterNanos() != l.retryAfterNanos()) {
                    diffs.add(i + ": redis " + r + " local " + l);
                }
            }
            assertThat(diffs).as("%s seed %d", spec, seed).isEmpty();
        }
    }

    @Test
    void aDailyQuotaInRedisResetsAtTheVendorsMidnight() {
        ZoneId ny = ZoneId.of("America/New_York");
        // near the real now: Redis expires day keys at the day's end by its own clock
        ManualClock clock = new ManualClock(LocalDate.now(ny).atTime(23, 59).atZone(ny).toInstant());
        RedisRateLimiter l = limiter(redisA, "day-" + UUID.randomUUID(), "5/1m sliding, 3/1d@America/New_York");
        for (int i = 0; i < 3; i++) {
            assertThat(l.tryAcquire("alpha_vantage", 1, clock.nanos()).allowed()).isTrue();
        }
        RateDecision spent = l.tryAcquire("alpha_vantage", 1, clock.nanos());
        assertThat(spent.allowed()).isFalse();
        assertThat(spent.retryAfterNanos()).isEqualTo(Duration.ofMinutes(1).toNanos());
        assertThat(spent.limit()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(l.tryAcquire("alpha_vantage", 1, clock.nanos()).allowed()).isTrue();
    }

    @Test
    void whenRedisIsUnreachableLimitsFallBackToThisProcesssShareAndSaySo() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // nothing listens on port 1
            Redis dead = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
            StoreHealth health = new StoreHealth(true, Duration.ofSeconds(5));
            Quota q = Quota.parse("10/1m sliding");
            FailoverRateLimiter l = new FailoverRateLimiter(new RedisRateLimiter(dead, "down", q, Duration.ofMillis(500)),
                    new LocalRateLimiter(q.scaled(0.5)), health);
            long now = ManualClockNow.now();
            int granted = 0;
            for (int i = 0; i < 10; i++) {
                if (l.tryAcquireAsync("c", 1, now).toCompletableFuture().get(2, TimeUnit.SECONDS).allowed()) {
                    granted++;
                }
            }
            assertThat(granted).as("half of 10, this process's share of two").isEqualTo(5);
            assertThat(health.mode()).isEqualTo(StoreHealth.Mode.LOCAL_FALLBACK);
            assertThat(health.failures()).as("one failed attempt, then local until the retry interval").isEqualTo(1);
        } finally {
            vertx.close();
        }
    }

    static final class ManualClockNow {
        static long now() {
            return com.tradesense.marketdata.ratelimit.RateClock.SYSTEM.nanos();
        }
    }
}
