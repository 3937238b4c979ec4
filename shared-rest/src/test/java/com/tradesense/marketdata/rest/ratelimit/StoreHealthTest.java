package com.tradesense.marketdata.rest.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoreHealthTest {

    @Test
    void afterTheRetryIntervalOneRequestProbesADownRedisAndTheOthersStayLocal() throws Exception {
        StoreHealth health = new StoreHealth(true, Duration.ofMillis(1_500)); // long enough that the burst below fits in it on a loaded machine
        assertThat(health.tryRedis()).as("healthy: every request asks Redis").isTrue();
        health.failed(new IllegalStateException("connection refused"));
        assertThat(health.tryRedis()).as("within the interval nobody asks").isFalse();

        Thread.sleep(1_600);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> asks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                asks.add(pool.submit(() -> {
                    go.await();
                    return health.tryRedis();
                }));
            }
            go.countDown();
            int probes = 0;
            for (Future<Boolean> a : asks) {
                probes += a.get(5, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(probes).as("64 requests at once after the interval: one probe").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        health.failed(new IllegalStateException("still refused"));
        assertThat(health.tryRedis()).as("the probe failed: the next one waits a whole interval").isFalse();
        Thread.sleep(1_600);
        assertThat(health.tryRedis()).isTrue();
        health.succeeded();
        assertThat(health.mode()).isEqualTo(StoreHealth.Mode.REDIS);
        assertThat(health.tryRedis()).as("answering again: every request asks Redis").isTrue();
        assertThat(health.tryRedis()).isTrue();
    }
}
