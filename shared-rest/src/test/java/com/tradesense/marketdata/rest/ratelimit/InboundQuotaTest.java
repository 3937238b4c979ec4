package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.Quota;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InboundQuotaTest {
    static final RateLimitConfig.Inbound SEED = new RateLimitConfig.Inbound() {
        public String client() { return "1000/1m"; }
        public String free() { return "300/1m"; }
        public String pro() { return "1000/1m"; }
        public String enterprise() { return "5000/1m"; }
        public String symbol() { return "100/1m"; }
        public String market() { return "5000/1m"; }
        public double burstMultiplier() { return 2; }
        public Duration burstDuration() { return Duration.ofSeconds(30); }
    };

    @Test
    void aPlainRateGetsTheBurstAllowanceAndAnExplicitSpecIsTakenAsWritten() {
        assertThat(InboundRateLimitFilter.quota("1000/1m", SEED)).isEqualTo(Quota.parse("1000/1m burst 1000 token-bucket"));
        assertThat(InboundRateLimitFilter.quota("5000/1m", SEED)).isEqualTo(Quota.parse("5000/1m burst 5000 token-bucket"));
        assertThat(InboundRateLimitFilter.quota("8/1m sliding", SEED)).isEqualTo(Quota.parse("8/1m sliding"));
        assertThat(InboundRateLimitFilter.quota("10/1s, 1000/1d", SEED).windows()).hasSize(2);
        // a benchmark client's plan: far beyond what a sliding log could hold, fine as a bucket
        assertThat(InboundRateLimitFilter.quota("1000000000/1m", SEED).windows().get(0).burst()).isEqualTo(1_000_000_000L);
    }

    @Test
    void redisUrlsAreLoggedWithoutTheirPassword() {
        assertThat(RateLimitBeans.redactUrl("redis://user:secret@redis:6379/0")).isEqualTo("redis://***@redis:6379/0");
        assertThat(RateLimitBeans.redactUrl("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    }
}
