package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.provider.vendor.VendorProviders;
import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.provider.vendor.PolygonProvider;
import com.tradesense.marketdata.provider.vendor.VendorConfig;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.telemetry.ProviderCallOutcome;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderStatusReportTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private final AtomicLong nanos = new AtomicLong();
    private final RouterHealth health = new RouterHealth(Clock.systemUTC(), 3, Duration.ofSeconds(5), nanos::get);
    private final ProviderRegistry registry = new ProviderRegistry(List.of(
            new PolygonProvider(new VendorConfig("polygon", "k", URI.create("http://127.0.0.1:9"), 10, Duration.ofSeconds(1)), CALENDARS, Clock.systemUTC()),
            new SimulatorProvider(CALENDARS, Clock.systemUTC())), SimulatorMode.AUTO);

    private Map<String, ProviderStatusReport.Entry> report() {
        Map<String, ProviderStatusReport.Entry> m = new java.util.LinkedHashMap<>();
        ProviderStatusReport.build(registry, health, ProviderQuotas.unlimited(),
                VendorProviders.catalogue(Settings.of(Map.of("MDE_PROVIDER_POLYGON_API_KEY", "secret")))).forEach(e -> m.put(e.id(), e));
        return m;
    }

    @Test
    void configuredProvidersFirstThenDisabledOnes() {
        Map<String, ProviderStatusReport.Entry> r = report();
        assertThat(r.keySet()).containsExactly("polygon", "simulator", "alpha_vantage", "bank_al_maghrib", "bank_al_maghrib_auctions",
                "cse_api", "finnhub", "fred", "nasdaq_data_link", "twelve_data", "world_bank", "yahoo");
        assertThat(r.get("polygon")).satisfies(e -> {
            assertThat(e.state()).isEqualTo("up");
            assertThat(e.credentialsConfigured()).isTrue();
            assertThat(e.window()).isZero();
            assertThat(e.qualityScore()).isNull();
            assertThat(e.dataTypes()).containsExactly("ohlcv", "corporate_actions");
            assertThat(e.markets()).contains("NYSE", "NASDAQ").doesNotContain("CSE");
        });
        assertThat(r.get("twelve_data").state()).isEqualTo("disabled");
        assertThat(r.get("twelve_data").credentialsConfigured()).isFalse();
        assertThat(r.get("yahoo").credentialsRequired()).isFalse();
        assertThat(r.get("simulator").simulated()).isTrue();
    }

    @Test
    void stateFollowsTheCircuitAndTheErrorRateAndQualityIsNamedFormula() {
        for (int i = 0; i < 9; i++) {
            health.record("polygon", 200_000_000L, ProviderCallOutcome.SUCCESS, null);
        }
        health.record("polygon", 2_000_000_000L, ProviderCallOutcome.UNAVAILABLE, "timeout");
        ProviderStatusReport.Entry e = report().get("polygon");
        assertThat(e.state()).isEqualTo("degraded"); // 1 error in 10 calls
        assertThat(e.errorRate()).isEqualTo(0.1);
        assertThat(e.qualityScore()).isEqualTo(45.0); // 100 * 0.9 * 1000/2000
        health.record("polygon", 1, ProviderCallOutcome.UNAVAILABLE, "x");
        health.record("polygon", 1, ProviderCallOutcome.UNAVAILABLE, "x");
        assertThat(report().get("polygon").state()).isEqualTo("down");
        assertThat(report().get("polygon").circuit()).isEqualTo("open");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(report().get("polygon").state()).isEqualTo("degraded");
        assertThat(report().get("polygon").circuit()).isEqualTo("half_open");
    }

    @Test
    void withTheRouterTheScoreIsItsWeightedScorePerDataTypeWithSpendRetriesAndRejections() {
        com.tradesense.marketdata.telemetry.ProviderCostLedger costs =
                new com.tradesense.marketdata.telemetry.ProviderCostLedger(Clock.systemUTC(), id -> id.equals("polygon") ? 0.002 : 0.0);
        ProviderRouter router = new ProviderRouter(registry, health, ProviderQuotas.unlimited(),
                com.tradesense.marketdata.telemetry.EngineTelemetry.NONE, costs, CALENDARS, Clock.systemUTC(), RoutingSettings.DEFAULT);
        router.quality().call("polygon", com.tradesense.marketdata.domain.DataType.OHLCV, 500_000_000L, false); // latency 1.0
        router.quality().crossChecked("polygon", com.tradesense.marketdata.domain.DataType.OHLCV, 10, 5); // accuracy 0.5
        costs.recordCall("polygon");
        costs.recordCall("polygon");
        Map<String, ProviderStatusReport.Entry> m = new java.util.LinkedHashMap<>();
        ProviderStatusReport.build(registry, health, ProviderQuotas.unlimited(), VendorProviders.catalogue(Settings.NONE), router).forEach(e -> m.put(e.id(), e));
        ProviderStatusReport.Entry e = m.get("polygon");
        assertThat(e.qualityScore()).isEqualTo(Math.round(1000.0 * (0.3 * 1.0 + 0.5 * 0.5) / 0.8) / 10.0);
        assertThat(e.quality()).containsOnlyKeys("ohlcv");
        assertThat(e.quality().get("ohlcv").accuracy()).isEqualTo(0.5);
        assertThat(e.spendTodayUsd()).isEqualTo(0.004);
        assertThat(e.usdPerCall()).isEqualTo(0.002);
        assertThat(e.retries()).isZero();
        assertThat(e.bulkheadRejections()).isZero();
        assertThat(m.get("simulator").spendTodayUsd()).isZero();
    }
}
