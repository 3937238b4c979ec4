package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.economy.EconomicQuery;
import com.tradesense.marketdata.economy.EconomyService;
import com.tradesense.marketdata.history.BarSeries;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class NasdaqDataLinkProviderTest {
    private final FakeVendor fake = new FakeVendor();
    private final NasdaqDataLinkProvider ndl = new NasdaqDataLinkProvider(config("nasdaq_data_link", fake, Duration.ofMillis(400)),
            CALENDARS, CLOCK, true);

    @AfterEach
    void stop() {
        fake.stop();
    }

    private EconomicSeries us(EconomicIndicator i, String from, String to) {
        return ndl.economicSeries("US", i, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void unemploymentFromTheFredMirrorDataset() {
        fake.on("/datasets/FRED/UNRATE.json", Answer.json(200, "nasdaqdatalink/dataset_fred_unrate.json"));
        EconomicSeries s = us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31");
        assertThat(s.observations()).containsExactly(new Observation(LocalDate.of(2024, 1, 1), 3.7),
                new Observation(LocalDate.of(2024, 2, 1), 3.9), new Observation(LocalDate.of(2024, 3, 1), 3.8));
        assertThat(s.source().provider()).isEqualTo("nasdaq_data_link");
        assertThat(fake.requests.get(0).getQuery()).isEqualTo("start_date=2024-01-01&end_date=2024-03-31&order=asc&api_key=test-key");
    }

    @Test
    void realGdpLevelsBecomeGrowthFromAYearEarlier() {
        fake.on("/datasets/FRED/GDPC1.json", Answer.json(200, "nasdaqdatalink/dataset_fred_gdpc1.json"));
        EconomicSeries s = us(EconomicIndicator.GDP, "2024-01-01", "2024-12-31");
        assertThat(fake.requests.get(0).getQuery()).startsWith("start_date=2023-01-01&end_date=2024-12-31");
        assertThat(s.observations()).extracting(Observation::date)
                .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 4, 1), LocalDate.of(2024, 7, 1)); // Q4 is null
        assertThat(s.observations().get(0).value()).isCloseTo((22758.752 / 22112.329 - 1) * 100, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(s.observations().get(2).value()).isCloseTo((23077.52 / 22490.692 - 1) * 100, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(s.frequency()).isEqualTo("quarterly");
    }

    @Test
    void policyRateIsTheDaysTheTargetChanged() {
        fake.on("/datasets/FRED/DFEDTARU.json", Answer.json(200, "nasdaqdatalink/dataset_fred_dfedtaru.json"));
        EconomicSeries s = us(EconomicIndicator.POLICY_RATE, "2024-01-01", "2024-12-31");
        assertThat(s.observations()).containsExactly(new Observation(LocalDate.of(2023, 7, 27), 5.5),
                new Observation(LocalDate.of(2024, 9, 18), 5.0), new Observation(LocalDate.of(2024, 11, 8), 4.75),
                new Observation(LocalDate.of(2024, 12, 19), 4.5));
    }

    @Test
    void moroccoFromTheImfDatabaseWithoutProjections() {
        fake.on("/datasets/ODA/MAR_NGDP_RPCH.json", Answer.json(200, "nasdaqdatalink/dataset_oda_mar_ngdp_rpch.json"));
        EconomicSeries s = ndl.economicSeries("MA", EconomicIndicator.GDP, LocalDate.of(2023, 3, 1), LocalDate.of(2030, 1, 1));
        // dated at the start of each year; 2026 and 2027 (after the clock's 2026-06-01) are IMF projections
        assertThat(s.observations()).containsExactly(new Observation(LocalDate.of(2023, 1, 1), 3.4),
                new Observation(LocalDate.of(2024, 1, 1), 3.2), new Observation(LocalDate.of(2025, 1, 1), 3.9));
        assertThat(s.frequency()).isEqualTo("annual");
        failure(() -> ndl.economicSeries("MA", EconomicIndicator.POLICY_RATE, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1)),
                Reason.NOT_COVERED);
        assertThat(fake.hits.get()).isEqualTo(1); // no call for a series without a dataset
    }

    @Test
    void datasetCodesMapBothWays() {
        assertThat(NasdaqDataLinkProvider.datasetFor("US", EconomicIndicator.INFLATION)).contains("FRED/CPIAUCSL");
        assertThat(NasdaqDataLinkProvider.datasetFor("MA", EconomicIndicator.UNEMPLOYMENT)).contains("ODA/MAR_LUR");
        assertThat(NasdaqDataLinkProvider.datasetFor("MA", EconomicIndicator.POLICY_RATE)).isEmpty();
        assertThat(NasdaqDataLinkProvider.indicatorOf("FRED/CPIAUCSL")).contains(Map.entry("US", EconomicIndicator.INFLATION));
        assertThat(NasdaqDataLinkProvider.indicatorOf("ODA/MAR_LUR")).contains(Map.entry("MA", EconomicIndicator.UNEMPLOYMENT));
        assertThat(NasdaqDataLinkProvider.indicatorOf("WIKI/FB")).isEmpty();
        assertThat(NasdaqDataLinkProvider.toVendor(listing("BRK.B"))).isEqualTo("BRK.B");
        assertThat(NasdaqDataLinkProvider.toCanonical("BRK.B")).isEqualTo("BRK.B");
    }

    @Test
    void errorShapesAndThrottling() {
        String path = "/datasets/FRED/UNRATE.json";
        fake.on(path, Answer.json(429, "nasdaqdatalink/error_429_qelx01.json").withHeader("Retry-After", "30"));
        assertThat(failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.RATE_LIMITED).retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
        fake.on(path, Answer.json(429, "nasdaqdatalink/error_429_qelx01.json"));
        assertThat(failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.RATE_LIMITED).retryAfter())
                .isEqualTo(Duration.ofSeconds(60));
        fake.on(path, Answer.json(429, "nasdaqdatalink/error_429_qelx06.json"));
        assertThat(failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.RATE_LIMITED).retryAfter())
                .isEqualTo(Duration.ofMinutes(10));
        fake.on(path, Answer.json(401, "nasdaqdatalink/error_401_qeax01.json"));
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.UNAVAILABLE);
        fake.on(path, Answer.json(403, "nasdaqdatalink/error_403_qepx04.json"));
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.NOT_COVERED);
        fake.on(path, Answer.json(404, "nasdaqdatalink/error_404_qecx02.json"));
        assertThat(failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.NOT_COVERED).getMessage())
                .contains("QECx02");
        fake.on(path, Answer.json(200, "nasdaqdatalink/error_404_qecx02.json")); // an error object is never data
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.BAD_RESPONSE);
        fake.on(path, new Answer(503, "<html>maintenance</html>", "text/html", Duration.ZERO, Map.of()));
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.UNAVAILABLE);
    }

    @Test
    void slowMalformedAndWrongAnswers() {
        String path = "/datasets/FRED/UNRATE.json";
        fake.on(path, Answer.json(200, "nasdaqdatalink/dataset_fred_unrate.json").delayed(Duration.ofSeconds(3)));
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.UNAVAILABLE);
        fake.on(path, Answer.json(200, "nasdaqdatalink/dataset_malformed_row.json"));
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.BAD_RESPONSE);
        fake.on(path, Answer.json(200, "nasdaqdatalink/dataset_wrong_code.json")); // another series' data
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.BAD_RESPONSE);
        fake.on(path, new Answer(200, "{\"dataset\":{\"dataset_code\":\"UNRATE\"", "application/json", Duration.ZERO, Map.of()));
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.BAD_RESPONSE);
        fake.stop();
        failure(() -> us(EconomicIndicator.UNEMPLOYMENT, "2024-01-01", "2024-03-31"), Reason.UNAVAILABLE);
    }

    @Test
    void sharadarPricesArePagedByCursorAndReturnedAsTraded() {
        fake.on("/datatables/SHARADAR/SEP.json", Answer.json(200, "nasdaqdatalink/datatable_sep_aapl_page1.json"));
        fake.on("/datatables/SHARADAR/SEP.json?qopts.cursor_id=Y3Vyc29yX2lkPTI", Answer.json(200, "nasdaqdatalink/datatable_sep_aapl_page2.json"));
        List<Bar> bars = ndl.bars(request("AAPL", Interval.D1, "2020-08-27T00:00:00Z", "2020-09-01T00:00:00Z"));
        assertThat(bars).hasSize(3);
        // before the 4-for-1 split of 2020-08-31: split-adjusted prices times 4, volume divided by 4
        long open = VendorBars.dailyStamp(CALENDARS.of(Market.NASDAQ), LocalDate.of(2020, 8, 27));
        assertThat(bars.get(0)).isEqualTo(new Bar(open, 127.1425 * 4, 127.485 * 4, 123.8325 * 4, 500.04, 38888101, Bar.NO_COUNT, Double.NaN));
        assertThat(bars.get(2).c()).isEqualTo(129.04);
        assertThat(fake.requests).hasSize(2);
        // the request starts 2020-08-26 20:00 New York
        assertThat(fake.requests.get(0).getQuery()).contains("ticker=AAPL", "date.gte=2020-08-26", "date.lte=2020-08-31",
                "qopts.columns=ticker,date,open,high,low,close,volume,closeunadj").doesNotContain("cursor_id");
        assertThat(fake.requests.get(1).getQuery()).contains("qopts.cursor_id=Y3Vyc29yX2lkPTI");
        // without the SHARADAR subscription the adapter offers no bars at all
        NasdaqDataLinkProvider free = new NasdaqDataLinkProvider(config("nasdaq_data_link", fake, Duration.ofMillis(400)), CALENDARS, CLOCK, false);
        assertThat(free.capabilities().dataTypes()).containsExactly(DataType.ECONOMIC_INDICATORS);
        failure(() -> free.bars(request("AAPL", Interval.D1, "2020-08-27T00:00:00Z", "2020-09-01T00:00:00Z")), Reason.NOT_COVERED);
        // another ticker's rows are wrong data
        failure(() -> ndl.bars(request("MSFT", Interval.D1, "2020-08-27T00:00:00Z", "2020-09-01T00:00:00Z")), Reason.BAD_RESPONSE);
    }

    @Test
    void theServicesAnswerFromNasdaqDataLinkWithItsProvenance() {
        fake.on("/datasets/ODA/MAR_NGDP_RPCH.json", Answer.json(200, "nasdaqdatalink/dataset_oda_mar_ngdp_rpch.json"));
        fake.on("/datatables/SHARADAR/SEP.json", Answer.json(200, "nasdaqdatalink/datatable_sep_aapl_page2.json"));
        ProviderRegistry registry = new ProviderRegistry(VendorProviders.fromEnvironment(Map.of(
                "MDE_PROVIDER_NASDAQ_DATA_LINK_API_KEY", "test-key", "MDE_PROVIDER_NASDAQ_DATA_LINK_BASE_URL", fake.baseUrl(),
                "MDE_PROVIDER_NASDAQ_DATA_LINK_SHARADAR", "true"), CALENDARS, CLOCK), SimulatorMode.OFF);
        EconomicSeries s = new EconomyService(registry, CLOCK).series(EconomicQuery.parse("MA", "gdp", "2023-01-01", null));
        assertThat(s.source().provider()).isEqualTo("nasdaq_data_link");
        assertThat(s.observations()).hasSize(3);
        MarketDataService service = new MarketDataService(SYMBOLS, CALENDARS, registry, new CorporateActionsService(registry, CLOCK), CLOCK);
        BarSeries bars = service.ohlcv(OhlcvQuery.parse("AAPL", "1d", "raw", "2020-08-31", "2020-09-01", null, null));
        assertThat(bars.source().provider()).isEqualTo("nasdaq_data_link");
        assertThat(bars.bars()).extracting(Bar::c).containsExactly(129.04);
    }
}
