package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class PolygonProviderTest {
    private final FakeVendor fake = new FakeVendor();
    private final PolygonProvider polygon = new PolygonProvider(config("polygon", fake, Duration.ofMillis(400)), CALENDARS, CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void parsesDailyAggregatesRawAndStampsThemAtTheSessionOpen() {
        fake.on("/v2/aggs/ticker/AAPL/range/1/day/", Answer.json(200, "polygon/aggs_aapl_day.json"));
        List<Bar> bars = polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z"));
        assertThat(bars).hasSize(2);
        long open = CALENDARS.of(Market.NASDAQ).session(LocalDate.of(2022, 4, 26)).orElseThrow().regularOpen().toEpochMilli();
        assertThat(bars.get(1)).isEqualTo(new Bar(open, 162.25, 162.34, 156.72, 156.8, 95595226, 899965, 158.6074));
        assertThat(fake.requests.get(0).getQuery()).contains("adjusted=false", "sort=asc", "apiKey=test-key");
        assertThat(fake.requests.get(0).getPath()).isEqualTo("/v2/aggs/ticker/AAPL/range/1/day/1650844800000/1651017599999");
    }

    @Test
    void followsNextUrlOnTheConfiguredHostWithTheKeyReappended() {
        fake.on("/v2/aggs/ticker/AAPL/range/1/day/1650844800000", Answer.json(200, "polygon/aggs_aapl_day_page1.json"));
        fake.on("/v2/aggs/ticker/AAPL/range/1/day/1650945600000", Answer.json(200, "polygon/aggs_aapl_day_page2.json"));
        List<Bar> bars = polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z"));
        assertThat(bars).extracting(Bar::c).containsExactly(162.88, 156.8);
        assertThat(fake.requests.get(1).getQuery()).contains("cursor=YWN0aXZlPXRydWU", "apiKey=test-key");
    }

    @Test
    void classSharesKeepTheDotAndAnEmptyAnswerIsNoBars() {
        assertThat(PolygonProvider.toVendor(listing("BRK.B"))).isEqualTo("BRK.B");
        assertThat(PolygonProvider.toCanonical("BRK.B")).isEqualTo("BRK.B");
        fake.on("/v2/aggs/ticker/BRK.B/", Answer.json(200, "polygon/aggs_empty.json"));
        assertThat(polygon.bars(request("BRK.B", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z"))).isEmpty();
        failure(() -> polygon.bars(request("ATW.CSE", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")), Reason.NOT_COVERED);
    }

    @Test
    void throttlingAndErrors() {
        fake.on("/v2/aggs", Answer.json(429, "polygon/error_429.json").withHeader("Retry-After", "12"));
        assertThat(failure(() -> polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")), Reason.RATE_LIMITED)
                .retryAfter()).isEqualTo(Duration.ofSeconds(12));
        fake.on("/v2/aggs", new Answer(429, "", "application/json", Duration.ZERO, Map.of()));
        assertThat(failure(() -> polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")), Reason.RATE_LIMITED)
                .retryAfter()).isEqualTo(Duration.ofSeconds(60));
        fake.on("/v2/aggs", Answer.json(401, "polygon/error_401.json"));
        failure(() -> polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")), Reason.UNAVAILABLE);
        fake.on("/v2/aggs", Answer.json(200, "polygon/error_429.json")); // an ERROR status under HTTP 200 is not data
        failure(() -> polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/v2/aggs", new Answer(200, "{\"ticker\":\"AAPL\",\"results\":[{\"o\":1", "application/json", Duration.ZERO, Map.of()));
        failure(() -> polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/v2/aggs", Answer.json(200, "polygon/aggs_aapl_day.json").delayed(Duration.ofSeconds(3)));
        failure(() -> polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")), Reason.UNAVAILABLE);
    }

    @Test
    void splitsAndCashDividends() {
        fake.on("/v3/reference/splits", Answer.json(200, "polygon/splits.json"));
        fake.on("/v3/reference/dividends", Answer.json(200, "polygon/dividends.json"));
        List<CorporateAction> actions = polygon.corporateActions(listing("AAPL"), LocalDate.of(2010, 1, 1), LocalDate.of(2024, 1, 1));
        assertThat(actions).containsExactly(
                new CorporateAction.Split(LocalDate.of(2014, 6, 9), 7.0, "polygon"),
                new CorporateAction.Split(LocalDate.of(2020, 8, 31), 4.0, "polygon"),
                new CorporateAction.CashDividend(LocalDate.of(2023, 11, 10), LocalDate.of(2023, 11, 16), 0.24, "USD", "polygon"));
        assertThat(fake.requests.get(0).getQuery()).contains("ticker=AAPL", "execution_date.gte=2010-01-01", "apiKey=test-key");
    }
}
