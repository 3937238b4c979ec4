package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.routing.CircuitBreaker.State;
import com.tradesense.marketdata.telemetry.ProviderCallOutcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker cb = new CircuitBreaker(3, Duration.ofSeconds(5), now::get);

    @Test
    void opensAfterConsecutiveFailuresAndProbesWhenTheTimeIsUp() {
        cb.onFailure();
        cb.onFailure();
        cb.onSuccess(); // a success resets the count
        cb.onFailure();
        cb.onFailure();
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        cb.onFailure();
        assertThat(cb.state()).isEqualTo(State.OPEN);
        assertThat(cb.tryAcquire()).isFalse();
        assertThat(cb.retryAfter()).isEqualTo(Duration.ofSeconds(5));

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.tryAcquire()).isTrue();  // the probe
        assertThat(cb.tryAcquire()).isFalse(); // one at a time
        cb.onFailure();
        assertThat(cb.state()).isEqualTo(State.OPEN);
        assertThat(cb.opens()).isEqualTo(2);

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(cb.tryAcquire()).isTrue();
        cb.onNeutral(); // not covered: the permit comes back, still half-open
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.tryAcquire()).isTrue();
        cb.onSuccess();
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.tryAcquire()).isTrue();
    }

    @Test
    void healthKeepsLatencyPercentilesErrorRateAndLastSuccess() {
        ProviderHealth h = new ProviderHealth("p", Clock.systemUTC(), 3, Duration.ofSeconds(5), now::get);
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1_000_000L, ProviderCallOutcome.SUCCESS, null);
        }
        h.record(500_000_000L, ProviderCallOutcome.UNAVAILABLE, "down");
        h.record(1_000_000L, ProviderCallOutcome.RATE_LIMITED, null);
        h.record(1_000_000L, ProviderCallOutcome.NOT_COVERED, null);
        ProviderHealth.Snapshot s = h.snapshot();
        assertThat(s.window()).isEqualTo(103);
        assertThat(s.p50Ms()).isEqualTo(50.0); // nearest rank over 1,1,1,2..100,500
        assertThat(s.p99Ms()).isEqualTo(100.0);
        assertThat(s.errorRate()).isEqualTo(1.0 / 103);
        assertThat(s.lastSuccess()).isNotNull();
        assertThat(s.lastError()).isEqualTo("down");
        assertThat(s.rateLimited()).isEqualTo(1);
        assertThat(s.circuit()).isEqualTo(State.CLOSED);
    }
}
