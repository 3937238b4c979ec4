package com.tradesense.marketdata.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProviderCostLedgerTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T23:59:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final Map<String, Double> prices = Map.of("polygon", 0.002, "simulator", 0.0);
    private final ProviderCostLedger ledger = new ProviderCostLedger(clock, id -> prices.getOrDefault(id, 0.0));

    @Test
    void addsThePricePerCallAndStartsAgainAtMidnightUtc() {
        for (int i = 0; i < 500; i++) {
            ledger.recordCall("polygon");
        }
        ledger.recordCall("simulator");
        assertThat(ledger.costTodayUsd("polygon")).isCloseTo(1.0, within(1e-9));
        assertThat(ledger.costTodayUsd("simulator")).isZero();
        assertThat(ledger.costTodayUsd("never-called")).isZero();

        now.set(Instant.parse("2026-03-03T00:00:01Z"));
        assertThat(ledger.costTodayUsd("polygon")).isZero();
        ledger.recordCall("polygon");
        assertThat(ledger.costTodayUsd("polygon")).isCloseTo(0.002, within(1e-9));
    }
}
