package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.history.BarSeries;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.vendor.FakeVendor;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import com.tradesense.marketdata.provider.vendor.PolygonProvider;
import com.tradesense.marketdata.provider.vendor.TwelveDataProvider;
import com.tradesense.marketdata.provider.vendor.VendorConfig;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router under load with two real adapters against fake vendors: the primary (Polygon) is killed
 * mid-load, or turns slow; requests must keep being answered by the secondary (Twelve Data).
 */
class FailoverTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int CLIENTS = 8;

    private final FakeVendor primary = new FakeVendor()
            .on("/v2/aggs/ticker/AAPL/", Answer.json(200, "polygon/aggs_aapl_day.json"));
    private final FakeVendor secondary = new FakeVendor()
            .on("/time_series", Answer.json(200, "twelvedata/time_series_aapl_1day.json"));
    private final RouterHealth health = new RouterHealth(CLOCK, 3, Duration.ofSeconds(5), System::nanoTime);
    private ProviderRouter router;

    @AfterEach
    void stop() {
        primary.stop();
        secondary.stop();
    }

    private MarketDataService service(Duration timeout) {
        List<Provider> providers = List.of(
                new PolygonProvider(new VendorConfig("polygon", "k", URI.create(primary.baseUrl()), 10, timeout), CALENDARS, CLOCK),
                new TwelveDataProvider(new VendorConfig("twelve_data", "k", URI.create(secondary.baseUrl()), 20, timeout), CALENDARS, CLOCK));
        ProviderRegistry registry = new ProviderRegistry(providers, SimulatorMode.OFF);
        router = ProviderRouter.basic(registry, health, ProviderQuotas.unlimited(), EngineTelemetry.NONE, CLOCK);
        return new MarketDataService(SymbolMaster.standard(), CALENDARS, registry, new CorporateActionsService(CLOCK, router), CLOCK,
                EngineTelemetry.NONE, ProviderQuotas.unlimited(), health, com.tradesense.marketdata.cache.LayeredBarCache.none(), router);
    }

    /** What a load run saw. */
    record Run(int served, int failed, long failoverMillis, int fromSecondaryBeforeEvent) {
    }

    /** CLIENTS threads ask for AAPL daily bars for {@code total}; {@code event} runs at {@code at}. */
    private Run load(MarketDataService svc, Duration at, Runnable event, Duration total) throws Exception {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger earlySecondary = new AtomicInteger();
        AtomicLong eventAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstSecondaryAfter = new AtomicLong(Long.MAX_VALUE);
        long start = System.nanoTime();
        long end = start + total.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        BarSeries s = svc.ohlcv(OhlcvQuery.parse("AAPL", "1d", "raw", "2022-04-25", "2022-04-27", null, null));
                        long now = System.nanoTime();
                        assertThat(s.bars()).hasSize(2);
                        served.incrementAndGet();
                        if (s.source().provider().equals("twelve_data")) {
                            if (now >= eventAt.get()) {
                                firstSecondaryAfter.accumulateAndGet(now, Math::min);
                            } else {
                                earlySecondary.incrementAndGet();
                            }
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        fs.add(pool.submit(() -> {
            try {
                Thread.sleep(at.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            eventAt.set(System.nanoTime());
            event.run();
        }));
        for (Future<?> f : fs) {
            f.get(total.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        }
        pool.shutdown();
        long failover = firstSecondaryAfter.get() == Long.MAX_VALUE ? -1 : (firstSecondaryAfter.get() - eventAt.get()) / 1_000_000;
        return new Run(served.get(), failed.get(), failover, earlySecondary.get());
    }

    @Test
    void killingThePrimaryMidLoadLosesNoRequest() throws Exception {
        Run run = load(service(Duration.ofSeconds(2)), Duration.ofMillis(700), primary::stop, Duration.ofMillis(2000));
        System.out.printf("FAILOVER primary killed: served=%d failed=%d time-to-first-secondary-answer=%d ms, circuit=%s%n",
                run.served(), run.failed(), run.failoverMillis(), health.of("polygon").snapshot());
        assertThat(run.failed()).isZero();
        assertThat(run.fromSecondaryBeforeEvent()).isZero();
        assertThat(run.failoverMillis()).isBetween(0L, 1000L);
        assertThat(health.of("polygon").circuit().state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertCutOff(health.of("polygon").snapshot());
    }

    /**
     * The primary is no longer asked: its open circuit skips it, or its errors took its quality score under
     * the floor first and the router now asks it after the secondary (both can win the race).
     */
    private void assertCutOff(ProviderHealth.Snapshot p) {
        Double score = router.quality().score("polygon", com.tradesense.marketdata.domain.DataType.OHLCV).score();
        assertThat(p.skippedOpenCircuit() > 0 || (score != null && score < RoutingSettings.DEFAULT.qualityFloor()))
                .as("skipped %d times, score %s", p.skippedOpenCircuit(), score).isTrue();
    }

    @Test
    void aPrimaryTurningSlowIsCutOffWithinASecond() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        Run run = load(service(timeout), Duration.ofMillis(500),
                () -> primary.on("/v2/aggs/ticker/AAPL/", Answer.json(200, "polygon/aggs_aapl_day.json").delayed(Duration.ofSeconds(5))),
                Duration.ofMillis(2500));
        System.out.printf("FAILOVER primary slow (timeout %d ms): served=%d failed=%d time-to-first-secondary-answer=%d ms, primary hits=%d%n",
                timeout.toMillis(), run.served(), run.failed(), run.failoverMillis(), primary.hits.get());
        assertThat(run.failed()).isZero();
        assertThat(run.failoverMillis()).isBetween(0L, 1000L);
        ProviderHealth.Snapshot p = health.of("polygon").snapshot();
        // cut off by whichever acts first: three timeouts open the circuit, or the timeouts' latency drops the
        // primary's quality under the floor so it is asked last (and then too rarely to open it): on a loaded
        // machine either can win the race, so the circuit may still be closed
        assertCutOff(p);
        assertThat(p.lastError()).contains("no answer within 300 ms");
    }

    @Test
    void corporateActionsComeFromTheNextProviderAndAnOpenCircuitIsNotAsked() {
        FakeVendor yahooFake = new FakeVendor().on("/v8/finance/chart/GS", Answer.json(200, "yahoo/chart_gs_1d.json"));
        try {
            primary.stop();
            ProviderRegistry registry = new ProviderRegistry(List.of(
                    new PolygonProvider(new VendorConfig("polygon", "k", URI.create(primary.baseUrl()), 10, Duration.ofSeconds(1)), CALENDARS, CLOCK),
                    new com.tradesense.marketdata.provider.vendor.YahooChartProvider(
                            new VendorConfig("yahoo", null, URI.create(yahooFake.baseUrl()), 90, Duration.ofSeconds(1)), CALENDARS, CLOCK, false)),
                    SimulatorMode.OFF);
            CorporateActionsService actions = new CorporateActionsService(registry, CLOCK, health);
            com.tradesense.marketdata.symbols.Listing gs = SymbolMaster.standard().find("GS").orElseThrow();
            for (int i = 0; i < 5; i++) {
                CorporateActionsService.Result r = actions.actions(gs, java.time.LocalDate.of(2023, 10, 1), java.time.LocalDate.of(2023, 10, 31));
                assertThat(r.source().provider()).isEqualTo("yahoo");
                assertThat(r.actions()).hasSize(2);
            }
            // request 1: a call and its retry fail; request 2: the third failure opens the circuit (no retry
            // on an open circuit); requests 3 to 5 skip polygon
            assertThat(health.of("polygon").snapshot().failures()).isEqualTo(3);
            assertThat(health.of("polygon").snapshot().skippedOpenCircuit()).isEqualTo(3);
            assertThat(health.of("yahoo").snapshot().calls()).isEqualTo(5);
        } finally {
            yahooFake.stop();
        }
    }
}
