package com.tradesense.marketdata.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderQuotasTest {

    @Test
    void theSeedTableIsLoaded() {
        Map<String, Quota> seed = ProviderQuotas.seedDefaults();
        assertThat(seed).containsOnlyKeys("alpha_vantage", "bloomberg", "cse_api", "finnhub", "nasdaq_data_link", "yahoo");
        assertThat(seed.get("bloomberg")).isEqualTo(Quota.parse("100/1s burst 200 gcra"));
        assertThat(seed.get("alpha_vantage").windows()).hasSize(2);
        assertThat(seed.get("alpha_vantage").windows().get(1).zone().getId()).isEqualTo("America/New_York");
        assertThat(seed.get("yahoo")).isEqualTo(Quota.parse("2000/1h burst 100 gcra"));
        assertThat(seed.get("cse_api").windows().get(1).permits()).isEqualTo(10_000);
    }

    @Test
    void aSpentQuotaSaysWhenAndUnlistedProvidersAreFree() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-06T12:00:00Z"));
        ProviderQuotas q = new ProviderQuotas(Map.of("alpha_vantage", Quota.parse("5/1m sliding, 500/1d@America/New_York")),
                RateLimiterFactory.LOCAL, clock, Duration.ZERO, 4);
        for (int i = 0; i < 5; i++) {
            assertThat(q.acquire("alpha_vantage", ProviderQuotas.Priority.INTERACTIVE).granted()).isTrue();
        }
        ProviderQuotas.Admission no = q.acquire("alpha_vantage", ProviderQuotas.Priority.INTERACTIVE);
        assertThat(no.granted()).isFalse();
        assertThat(no.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(q.acquire("simulator", ProviderQuotas.Priority.INTERACTIVE).granted()).isTrue();
    }

    @Test
    void aVendors429PausesTheProviderForItsRetryAfter() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-06T12:00:00Z"));
        ProviderQuotas q = new ProviderQuotas(Map.of(), RateLimiterFactory.LOCAL, clock, Duration.ZERO, 4);
        q.pause("yahoo", Duration.ofSeconds(20));
        ProviderQuotas.Admission no = q.acquire("yahoo", ProviderQuotas.Priority.INTERACTIVE);
        assertThat(no.granted()).isFalse();
        assertThat(no.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        assertThat(q.acquire("yahoo", ProviderQuotas.Priority.INTERACTIVE).granted()).isTrue();
        assertThat(q.paused("yahoo")).isFalse();
    }

    @Test
    void anInteractiveCallerWaitsForAPermitThatComesBackBeforeItsDeadline() {
        ProviderQuotas q = new ProviderQuotas(Map.of("cse_api", Quota.parse("2/200ms sliding")),
                RateLimiterFactory.LOCAL, RateClock.SYSTEM, Duration.ofMillis(500), 4);
        long t0 = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            assertThat(q.acquire("cse_api", ProviderQuotas.Priority.INTERACTIVE).granted()).isTrue();
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(ms).as("the 3rd and 4th waited for the first two to leave the window").isBetween(150L, 450L);
    }

    @Test
    void nobodyWaitsPastTheDeadlineAndTheQueueIsBounded() throws Exception {
        ProviderQuotas q = new ProviderQuotas(Map.of("alpha_vantage", Quota.parse("1/1m sliding")),
                RateLimiterFactory.LOCAL, RateClock.SYSTEM, Duration.ofMillis(300), 1);
        assertThat(q.acquire("alpha_vantage", ProviderQuotas.Priority.INTERACTIVE).granted()).isTrue();
        long t0 = System.nanoTime();
        assertThat(q.acquire("alpha_vantage", ProviderQuotas.Priority.INTERACTIVE).granted()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("a minute away: no wait at all").isLessThan(100);

        ProviderQuotas q2 = new ProviderQuotas(Map.of("cse_api", Quota.parse("1/250ms sliding")),
                RateLimiterFactory.LOCAL, RateClock.SYSTEM, Duration.ofMillis(400), 1);
        assertThat(q2.acquire("cse_api", ProviderQuotas.Priority.INTERACTIVE).granted()).isTrue();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(
                () -> q2.acquire("cse_api", ProviderQuotas.Priority.INTERACTIVE).granted());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (q2.waiting("cse_api") == 0 && System.nanoTime() < until) {
            Thread.sleep(1); // until the waiter is parked in the queue (a loaded machine may be slow to start it)
        }
        assertThat(q2.waiting("cse_api")).isEqualTo(1);
        // the one queue slot is taken: a second caller (and any background one) moves on at once
        assertThat(q2.acquire("cse_api", ProviderQuotas.Priority.INTERACTIVE).granted()).isFalse();
        assertThat(q2.acquire("cse_api", ProviderQuotas.Priority.BACKGROUND).granted()).isFalse();
        assertThat(waiter.get(2, TimeUnit.SECONDS)).isTrue();
    }
}
