package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.history.BarSeries;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import com.tradesense.marketdata.provider.vendor.PolygonProvider;
import com.tradesense.marketdata.provider.vendor.TwelveDataProvider;
import com.tradesense.marketdata.provider.vendor.VendorConfig;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.telemetry.ProviderCostLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The router's guard and order with two real adapters (Polygon primary, Twelve Data secondary) against
 * vendors faked at the HTTP level with their documented payloads.
 */
class ProviderRouterTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    /** A clock that ticks (answers are stamped when they arrive) from 2026-06-01: the 2022 bars asked for are history. */
    private static final Clock CLOCK = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2026-06-01T00:00:00Z")));
    private static final String AGGS = "/v2/aggs/ticker/AAPL/";
    private static final String SERIES = "/time_series";
    private static final Answer POLYGON_BARS = Answer.json(200, "polygon/aggs_aapl_day.json");
    private static final Answer TWELVE_BARS = Answer.json(200, "twelvedata/time_series_aapl_1day.json");

    private final ScriptedVendor polygon = new ScriptedVendor();
    private final ScriptedVendor twelve = new ScriptedVendor().on(SERIES, TWELVE_BARS);
    private final RouterHealth health = new RouterHealth(CLOCK, 3, Duration.ofSeconds(5), System::nanoTime);
    private final ProviderQuotas quotas = ProviderQuotas.unlimited();
    private ProviderRouter router;

    @AfterEach
    void stop() {
        polygon.close();
        twelve.close();
    }

    private ProviderRegistry registry() {
        List<Provider> providers = List.of(
                new PolygonProvider(new VendorConfig("polygon", "k", URI.create(polygon.baseUrl()), 10, Duration.ofSeconds(2)), CALENDARS, CLOCK),
                new TwelveDataProvider(new VendorConfig("twelve_data", "k", URI.create(twelve.baseUrl()), 20, Duration.ofSeconds(2)), CALENDARS, CLOCK));
        return new ProviderRegistry(providers, SimulatorMode.OFF);
    }

    private MarketDataService service(RoutingSettings settings, ProviderCostLedger costs) {
        ProviderRegistry registry = registry();
        router = new ProviderRouter(registry, health, quotas, EngineTelemetry.NONE, costs, CALENDARS, CLOCK, settings);
        return new MarketDataService(SymbolMaster.standard(), CALENDARS, registry, new CorporateActionsService(CLOCK, router), CLOCK,
                EngineTelemetry.NONE, quotas, health, LayeredBarCache.none(), router);
    }

    private MarketDataService service() {
        return service(RoutingSettings.DEFAULT.withCrossCheckRate(0), null);
    }

    private static BarSeries aapl(MarketDataService svc, String from, String to) {
        return svc.ohlcv(OhlcvQuery.parse("AAPL", "1d", "raw", from, to, null, null));
    }

    @Test
    void aVendor503IsRetriedAfterAJitteredPauseAndThenAnswers() {
        polygon.on(AGGS, new Answer(503, "{\"status\":\"ERROR\",\"error\":\"Service Unavailable\"}", "application/json",
                Duration.ZERO, Map.of()), POLYGON_BARS);
        BarSeries s = aapl(service(), "2022-04-25", "2022-04-27");
        assertThat(s.source().provider()).isEqualTo("polygon");
        assertThat(s.bars()).hasSize(2);
        assertThat(polygon.hits(AGGS)).isEqualTo(2);
        assertThat(router.retries("polygon")).isEqualTo(1);
        assertThat(twelve.hits(SERIES)).isZero();
    }

    @Test
    void aMalformedAnswerIsNotRetriedTheNextProviderAnswers() {
        polygon.on(AGGS, new Answer(200, "{\"status\":\"OK\",\"request_id\":\"x\"}", "application/json", Duration.ZERO, Map.of()));
        BarSeries s = aapl(service(), "2022-04-25", "2022-04-27");
        assertThat(s.source().provider()).isEqualTo("twelve_data");
        assertThat(polygon.hits(AGGS)).isEqualTo(1);
        assertThat(router.retries("polygon")).isZero();
        assertThat(health.of("polygon").snapshot().lastError()).contains("without results");
    }

    @Test
    void aVendor429GoesToTheNextProviderWithoutRetryAndPausesTheVendor() {
        polygon.on(AGGS, Answer.json(429, "polygon/error_429.json"));
        BarSeries s = aapl(service(), "2022-04-25", "2022-04-27");
        assertThat(s.source().provider()).isEqualTo("twelve_data");
        assertThat(polygon.hits(AGGS)).isEqualTo(1);
        assertThat(router.retries("polygon")).isZero();
        assertThat(quotas.paused("polygon")).isTrue();
    }

    @Test
    void aFullBulkheadSendsTheCallerToTheNextProviderAtOnce() throws Exception {
        polygon.on(AGGS, POLYGON_BARS.delayed(Duration.ofMillis(800)));
        MarketDataService svc = service(RoutingSettings.DEFAULT.withCrossCheckRate(0).withBulkhead(1), null);
        CompletableFuture<BarSeries> slow = CompletableFuture.supplyAsync(() -> aapl(svc, "2022-04-25", "2022-04-27"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (polygon.hits(AGGS) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        BarSeries other = aapl(svc, "2022-04-25", "2022-04-26"); // not identical, so not coalesced with the slow call
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("BULKHEAD full: second caller answered by %s in %d ms%n", other.source().provider(), ms);
        assertThat(other.source().provider()).isEqualTo("twelve_data");
        assertThat(ms).isLessThan(500);
        assertThat(router.bulkheadRejections("polygon")).isEqualTo(1);
        assertThat(slow.get(5, TimeUnit.SECONDS).source().provider()).isEqualTo("polygon");
    }

    @Test
    void aDeadPrimaryIsSkippedOnceItsCircuitOpensAndTheNextAnswersWithinTheTarget() {
        polygon.on(AGGS, POLYGON_BARS);
        MarketDataService svc = service();
        assertThat(aapl(svc, "2022-04-25", "2022-04-27").source().provider()).isEqualTo("polygon");
        polygon.close(); // connections refused from now on
        long worst = 0;
        long polygonCallsAfterTwo = 0;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            BarSeries s = aapl(svc, "2022-04-25", "2022-04-2" + (6 + i % 2));
            worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
            assertThat(s.source().provider()).isEqualTo("twelve_data");
            if (i == 1) {
                polygonCallsAfterTwo = health.of("polygon").snapshot().calls();
            }
        }
        System.out.printf("CIRCUIT dead primary: slowest failover answer %d ms, polygon %s, score %s%n", worst,
                health.of("polygon").snapshot(), router.quality().score("polygon", DataType.OHLCV));
        assertThat(worst).isLessThan(1000);
        // its errors put it under the quality floor: it is asked after twelve_data, so no longer at all
        assertThat(health.of("polygon").snapshot().calls()).isEqualTo(polygonCallsAfterTwo);
        assertThat(router.quality().score("polygon", DataType.OHLCV).score()).isLessThan(RoutingSettings.DEFAULT.qualityFloor());
        assertThat(ids(router.order(Market.NASDAQ, DataType.OHLCV, null, Criticality.CRITICAL))).containsExactly("twelve_data", "polygon");
    }

    @Test
    void qualityScoresOrderCriticalRequestsAndAProviderUnderTheFloorGoesLast() {
        service();
        Market nasdaq = Market.NASDAQ;
        assertThat(ids(router.order(nasdaq, DataType.OHLCV, null, Criticality.CRITICAL))).containsExactly("polygon", "twelve_data");
        // polygon measured slow: p99 1.4 s -> latency 0.71; twelve_data fast -> 1.0
        for (int i = 0; i < 10; i++) {
            router.quality().call("polygon", DataType.OHLCV, 1_400_000_000L, false);
            router.quality().call("twelve_data", DataType.OHLCV, 80_000_000L, false);
        }
        assertThat(router.quality().score("polygon", DataType.OHLCV).score()).isCloseTo(1000.0 / 1400, within(1e-9));
        assertThat(ids(router.order(nasdaq, DataType.OHLCV, null, Criticality.CRITICAL))).containsExactly("twelve_data", "polygon");
        // routine requests with equal prices keep the configured order while both are acceptable
        assertThat(ids(router.order(nasdaq, DataType.OHLCV, null, Criticality.ROUTINE))).containsExactly("polygon", "twelve_data");
        // polygon falls under the floor (0.6): last for everyone
        router.quality().crossChecked("polygon", DataType.OHLCV, 10, 9);
        assertThat(router.quality().score("polygon", DataType.OHLCV).score()).isLessThan(0.6);
        assertThat(ids(router.order(nasdaq, DataType.OHLCV, null, Criticality.ROUTINE))).containsExactly("twelve_data", "polygon");
        // other data types are scored apart
        assertThat(router.quality().score("polygon", DataType.TICKS).score()).isNull();
    }

    @Test
    void routineRequestsGoToTheCheapestAcceptableProviderCriticalOnesDoNot() {
        ProviderCostLedger costs = new ProviderCostLedger(CLOCK, id -> id.equals("polygon") ? 0.004 : 0.001);
        service(RoutingSettings.DEFAULT.withCrossCheckRate(0), costs);
        assertThat(ids(router.order(Market.NASDAQ, DataType.OHLCV, null, Criticality.ROUTINE))).containsExactly("twelve_data", "polygon");
        assertThat(ids(router.order(Market.NASDAQ, DataType.OHLCV, null, Criticality.CRITICAL))).containsExactly("polygon", "twelve_data");
        router.quality().call("twelve_data", DataType.OHLCV, 5_000_000_000L, true); // slow and failing: score 0
        assertThat(ids(router.order(Market.NASDAQ, DataType.OHLCV, null, Criticality.ROUTINE))).containsExactly("polygon", "twelve_data");
    }

    @Test
    void aConfiguredRouteReplacesThePriorityOrderForItsMarketAndDataType() {
        service(RoutingSettings.DEFAULT.withCrossCheckRate(0).withRoutes(Map.of("nasdaq.ohlcv", List.of("twelve_data"))), null);
        assertThat(ids(router.order(Market.NASDAQ, DataType.OHLCV, null, Criticality.CRITICAL))).containsExactly("twelve_data", "polygon");
        assertThat(ids(router.order(Market.NYSE, DataType.OHLCV, null, Criticality.CRITICAL))).containsExactly("polygon", "twelve_data");
    }

    @Test
    void aSampledCrossCheckRecordsAgreementPerProvider() {
        polygon.on(AGGS, POLYGON_BARS);
        MarketDataService svc = service(RoutingSettings.DEFAULT.withCrossCheckRate(1.0), null);
        assertThat(aapl(svc, "2022-04-25", "2022-04-27").source().provider()).isEqualTo("polygon");
        assertThat(router.awaitCrossChecks(Duration.ofSeconds(5))).isTrue();
        assertThat(twelve.hits(SERIES)).isEqualTo(1);
        QualityScore p = router.quality().score("polygon", DataType.OHLCV);
        assertThat(p.comparisons()).isEqualTo(2);
        assertThat(p.accuracy()).isEqualTo(1.0);
        assertThat(router.quality().score("twelve_data", DataType.OHLCV).accuracy()).isEqualTo(1.0);
        assertThat(router.conflicts().recent()).isEmpty();
    }

    @Test
    void aDisagreementBeyondTheToleranceIsAConflictTheMostRecentFigureWins() {
        polygon.on(AGGS, POLYGON_BARS);
        twelve.on(SERIES, new Answer(200, TWELVE_BARS.body().replace("\"close\":\"156.80000\"", "\"close\":\"157.00000\""),
                "application/json", Duration.ZERO, Map.of()));
        MarketDataService svc = service(RoutingSettings.DEFAULT.withCrossCheckRate(1.0), null);
        aapl(svc, "2022-04-25", "2022-04-27");
        assertThat(router.awaitCrossChecks(Duration.ofSeconds(5))).isTrue();
        // 156.80 vs 157.00 is 0.13 %: within the 0.5 % tolerance, so no conflict yet
        assertThat(router.conflicts().recent()).isEmpty();

        twelve.on(SERIES, new Answer(200, TWELVE_BARS.body().replace("\"close\":\"156.80000\"", "\"close\":\"150.00000\""),
                "application/json", Duration.ZERO, Map.of()));
        aapl(svc, "2022-04-25", "2022-04-27");
        assertThat(router.awaitCrossChecks(Duration.ofSeconds(5))).isTrue();
        assertThat(router.conflicts().recent()).singleElement().satisfies(c -> {
            assertThat(c.symbol()).isEqualTo("AAPL");
            assertThat(c.providerA()).isEqualTo("polygon");
            assertThat(c.valueA()).isEqualTo(156.8);
            assertThat(c.providerB()).isEqualTo("twelve_data");
            assertThat(c.valueB()).isEqualTo(150.0);
            assertThat(c.winner()).isEqualTo("twelve_data"); // its answer is the more recent one
            assertThat(c.spread()).isCloseTo((156.8 - 150.0) / 156.8, within(1e-9));
        });
        QualityScore p = router.quality().score("polygon", DataType.OHLCV);
        assertThat(p.comparisons()).isEqualTo(4);
        assertThat(p.disagreements()).isEqualTo(1);
        assertThat(p.accuracy()).isEqualTo(0.75);
    }

    @Test
    void completenessCountsTheSessionsOfTheCalendarWithoutABar() {
        polygon.on(AGGS, POLYGON_BARS); // bars of 25 and 26 April 2022
        MarketDataService svc = service();
        aapl(svc, "2022-04-25", "2022-04-27");
        assertThat(router.quality().score("polygon", DataType.OHLCV).completeness()).isEqualTo(1.0);
        aapl(svc, "2022-04-25", "2022-04-29"); // 25..28 April: four sessions, two bars
        QualityScore q = router.quality().score("polygon", DataType.OHLCV);
        assertThat(q.expected()).isEqualTo(2 + 4);
        assertThat(q.missing()).isEqualTo(2);
        assertThat(q.completeness()).isCloseTo(4.0 / 6, within(1e-9));
    }

    private static List<String> ids(List<Provider> providers) {
        return providers.stream().map(Provider::id).toList();
    }
}
