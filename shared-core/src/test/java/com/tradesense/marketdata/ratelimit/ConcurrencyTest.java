package com.tradesense.marketdata.ratelimit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {
    static final int THREADS = 64;
    static final int ATTEMPTS_PER_THREAD = 50;

    /** 64 threads, 3200 attempts at a 100/min limit within well under a second: exactly 100 pass. */
    @ParameterizedTest
    @ValueSource(strings = {"100/1m sliding", "100/1m token-bucket", "100/1m gcra", "100/1d", "100/1m sliding, 1000/1d"})
    void sixtyFourThreadsHammeringAHundredPerMinuteAdmitExactlyAHundred(String spec) throws Exception {
        // the system clock for the sliding log (a run shorter than its minute); a frozen one for the
        // buckets, which would otherwise refill a permit every 600 ms of a slow run
        RateClock clock = spec.startsWith("100/1m sliding") ? RateClock.SYSTEM : new ManualClock(Instant.now());
        assertThat(hammer(new LocalRateLimiter(Quota.parse(spec)), clock)).isEqualTo(100);
    }

    static int hammer(RateLimiter limiter, RateClock clock) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        try {
            for (int t = 0; t < THREADS; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                            if (limiter.tryAcquire("client-1", 1, clock.nanos()).allowed()) {
                                granted.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        return granted.get();
    }
}
