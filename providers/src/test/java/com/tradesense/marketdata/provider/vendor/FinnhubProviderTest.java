package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.history.BarSeries;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinnhubProviderTest {
    private static final String FROM = "2019-09-24T00:00:00Z";
    private static final String TO = "2019-09-26T00:00:00Z";

    private final FakeVendor fake = new FakeVendor();
    private final FinnhubProvider finnhub = new FinnhubProvider(config("finnhub", fake, Duration.ofMillis(400)), CALENDARS, CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void dailyCandlesAreStampedAtTheSessionOpenAndTheKeyTravelsInTheHeaderOnly() {
        fake.on("/stock/candle", Answer.json(200, "finnhub/candle_aapl_d.json"));
        List<Bar> bars = finnhub.bars(request("AAPL", Interval.D1, FROM, TO));
        assertThat(bars).hasSize(2);
        long open = VendorBars.dailyStamp(CALENDARS.of(Market.NASDAQ), LocalDate.of(2019, 9, 25));
        assertThat(bars.get(1)).isEqualTo(new Bar(open, 218.55, 221.5, 217.1402, 221.03, 21610100, Bar.NO_COUNT, Double.NaN));
        assertThat(fake.requests.get(0).getQuery()).isEqualTo("symbol=AAPL&resolution=D&from=1569283200&to=1569455999");
        assertThat(fake.requests.get(0).toString()).doesNotContain("test-key");
        assertThat(fake.headers.get(0).get("X-finnhub-token")).containsExactly("test-key");
    }

    @Test
    void noDataIsNoBarsAndOtherMarketsAreNotCovered() {
        fake.on("/stock/candle", Answer.json(200, "finnhub/candle_no_data.json"));
        assertThat(finnhub.bars(request("AAPL", Interval.M5, FROM, TO))).isEmpty();
        assertThat(fake.requests.get(0).getQuery()).contains("resolution=5");
        failure(() -> finnhub.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.NOT_COVERED);
        failure(() -> finnhub.bars(request("AAPL", Interval.W1, FROM, TO)), Reason.NOT_COVERED);
    }

    @Test
    void symbolsMapBothWays() {
        assertThat(FinnhubProvider.toVendor(listing("AAPL"))).isEqualTo("AAPL");
        assertThat(FinnhubProvider.toVendor(listing("BRK.B"))).isEqualTo("BRK.B");
        assertThat(FinnhubProvider.toCanonical("BRK.B")).isEqualTo("BRK.B");
        assertThat(FinnhubProvider.toCanonical("AAPL")).isEqualTo("AAPL");
        assertThatThrownBy(() -> FinnhubProvider.toCanonical("BINANCE:BTCUSDT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FinnhubProvider.toVendor(listing("ATW.CSE"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void throttlingAndErrorShapes() {
        fake.on("/stock/candle", Answer.json(429, "finnhub/error_429.json").withHeader("Retry-After", "7"));
        assertThat(failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.RATE_LIMITED).retryAfter())
                .isEqualTo(Duration.ofSeconds(7));
        fake.on("/stock/candle", Answer.json(429, "finnhub/error_429.json"));
        assertThat(failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.RATE_LIMITED).retryAfter())
                .isEqualTo(Duration.ofSeconds(60));
        fake.on("/stock/candle", Answer.json(200, "finnhub/error_429.json")); // the limit notice under HTTP 200
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.RATE_LIMITED);
        fake.on("/stock/candle", Answer.json(401, "finnhub/error_401.json"));
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
        fake.on("/stock/candle", Answer.json(403, "finnhub/error_403.json"));
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.NOT_COVERED);
        fake.on("/stock/candle", Answer.json(200, "finnhub/error_403.json")); // an error object is never data
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on("/stock/candle", new Answer(502, "<html>Bad gateway</html>", "text/html", Duration.ZERO, Map.of()));
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
    }

    @Test
    void slowMalformedAndWrongAnswers() {
        fake.on("/stock/candle", Answer.json(200, "finnhub/candle_aapl_d.json").delayed(Duration.ofSeconds(3)));
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
        fake.on("/stock/candle", Answer.json(200, "finnhub/candle_ragged.json"));
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on("/stock/candle", new Answer(200, "{\"s\":\"ok\",\"t\":[1569297600],\"o\":[\"221.03\"],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1]}",
                "application/json", Duration.ZERO, Map.of()));
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on("/stock/candle", new Answer(200, "{\"c\":[217.68", "application/json", Duration.ZERO, Map.of()));
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        // a high below the close is raised to it; a negative open cannot be trusted: the bar is dropped
        fake.on("/stock/candle", Answer.json(200, "finnhub/candle_wrong_prices.json"));
        List<Bar> bars = finnhub.bars(request("AAPL", Interval.D1, FROM, TO));
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).h()).isEqualTo(221.03);
        fake.stop();
        failure(() -> finnhub.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
    }

    @Test
    void splitsAndDividends() {
        fake.on("/stock/split", Answer.json(200, "finnhub/split_aapl.json"));
        fake.on("/stock/dividend", Answer.json(200, "finnhub/split_empty.json"));
        List<CorporateAction> actions = finnhub.corporateActions(listing("AAPL"), LocalDate.of(2010, 1, 1), LocalDate.of(2024, 1, 1));
        assertThat(actions).containsExactly(new CorporateAction.Split(LocalDate.of(2014, 6, 9), 7.0, "finnhub"),
                new CorporateAction.Split(LocalDate.of(2020, 8, 31), 4.0, "finnhub"));
        assertThat(fake.requests.get(0).getQuery()).isEqualTo("symbol=AAPL&from=2010-01-01&to=2024-01-01");

        fake.on("/stock/split", Answer.json(200, "finnhub/split_empty.json"));
        fake.on("/stock/dividend", Answer.json(200, "finnhub/dividend_ko.json"));
        assertThat(finnhub.corporateActions(listing("KO"), LocalDate.of(2019, 1, 1), LocalDate.of(2020, 1, 1)))
                .containsExactly(new CorporateAction.CashDividend(LocalDate.of(2019, 11, 29), LocalDate.of(2019, 12, 16), 0.4, "USD", "finnhub"));
        // KO's dividends in the answer for AAPL: wrong data, refused
        failure(() -> finnhub.corporateActions(listing("AAPL"), LocalDate.of(2019, 1, 1), LocalDate.of(2020, 1, 1)), Reason.BAD_RESPONSE);
        // dividends are premium: a free key's 403 means this provider cannot give the whole answer
        fake.on("/stock/dividend", Answer.json(403, "finnhub/error_403.json"));
        failure(() -> finnhub.corporateActions(listing("KO"), LocalDate.of(2019, 1, 1), LocalDate.of(2020, 1, 1)), Reason.NOT_COVERED);
    }

    @Test
    void profileInMillionsBecomesSharesAndMarketCap() {
        fake.on("/stock/profile2", Answer.json(200, "finnhub/profile2_aapl.json"));
        Fundamentals f = finnhub.fundamentals(listing("AAPL"));
        assertThat(f.profile().name()).isEqualTo("Apple Inc");
        assertThat(f.profile().sector()).isEqualTo("Technology");
        assertThat(f.profile().sharesOutstanding()).isEqualTo(15_037_870_000L);
        assertThat(f.profile().marketCap()).isCloseTo(3.149828207397e12, org.assertj.core.data.Offset.offset(1.0));
        assertThat(f.currency()).isEqualTo("USD");
        assertThat(f.source().provider()).isEqualTo("finnhub");
        assertThat(fake.requests.get(0).getQuery()).isEqualTo("symbol=AAPL");
        failure(() -> finnhub.fundamentals(listing("MSFT")), Reason.BAD_RESPONSE); // AAPL's profile for MSFT
        fake.on("/stock/profile2", Answer.json(200, "finnhub/profile2_empty.json"));
        failure(() -> finnhub.fundamentals(listing("AAPL")), Reason.NOT_COVERED);
    }

    @Test
    void companyNewsNewestFirstSinceFrom() {
        fake.on("/company-news", Answer.json(200, "finnhub/company_news_aapl.json"));
        List<NewsItem> news = finnhub.news(List.of(listing("AAPL")), Instant.parse("2024-04-13T00:00:00Z"), 10);
        assertThat(news).extracting(NewsItem::id).containsExactly("finnhub-127004320", "finnhub-127001187");
        assertThat(news.get(0).t()).isEqualTo(1713106815000L);
        assertThat(news.get(0).symbols()).containsExactly("AAPL");
        assertThat(news.get(0).sources()).containsExactly("finnhub", "Yahoo");
        assertThat(fake.requests.get(0).getQuery()).isEqualTo("symbol=AAPL&from=2024-04-13&to=2026-06-01");
        assertThat(finnhub.news(List.of(listing("AAPL")), Instant.parse("2024-04-14T00:00:00Z"), 10)).hasSize(1);
        assertThat(finnhub.news(List.of(listing("AAPL")), Instant.parse("2024-04-13T00:00:00Z"), 1)).hasSize(1);
        fake.on("/company-news", Answer.json(200, "finnhub/profile2_aapl.json")); // an object, not the array
        failure(() -> finnhub.news(List.of(listing("AAPL")), Instant.parse("2024-04-13T00:00:00Z"), 10), Reason.BAD_RESPONSE);
    }

    @Test
    void theServiceAnswersFromFinnhubWithItsProvenance() {
        fake.on("/stock/candle", Answer.json(200, "finnhub/candle_aapl_d.json"));
        ProviderRegistry registry = new ProviderRegistry(
                VendorProviders.fromEnvironment(Map.of("MDE_PROVIDER_FINNHUB_API_KEY", "test-key",
                        "MDE_PROVIDER_FINNHUB_BASE_URL", fake.baseUrl()), CALENDARS, CLOCK), SimulatorMode.OFF);
        MarketDataService service = new MarketDataService(SYMBOLS, CALENDARS, registry, new CorporateActionsService(registry, CLOCK), CLOCK);
        BarSeries s = service.ohlcv(OhlcvQuery.parse("AAPL", "1d", "raw", "2019-09-24", "2019-09-26", null, null));
        assertThat(s.source().provider()).isEqualTo("finnhub");
        assertThat(s.bars()).extracting(Bar::c).containsExactly(217.68, 221.03);
    }
}
