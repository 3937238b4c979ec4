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

class YahooChartProviderTest {
    private final FakeVendor fake = new FakeVendor();
    private final YahooChartProvider yahoo = new YahooChartProvider(config("yahoo", fake, Duration.ofMillis(400)), CALENDARS, CLOCK, false);

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void parsesTheChartSkippingNullSlots() {
        fake.on("/v8/finance/chart/GS", Answer.json(200, "yahoo/chart_gs_1d.json"));
        List<Bar> bars = yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z"));
        assertThat(bars).hasSize(2);
        long open = CALENDARS.of(Market.NYSE).session(LocalDate.of(2023, 10, 2)).orElseThrow().regularOpen().toEpochMilli();
        assertThat(bars.get(0)).isEqualTo(new Bar(open, 322.0299987792969, 323.5799865722656, 317.1000061035156, 318.5, 1303800, Bar.NO_COUNT, Double.NaN));
        assertThat(fake.requests.get(0).getQuery()).contains("interval=1d", "events=div,splits", "period1=1696118400");
        assertThat(fake.headers.get(0).get("User-agent").get(0)).startsWith("Mozilla/5.0");
    }

    @Test
    void symbologyBothWays() {
        assertThat(YahooChartProvider.toVendor(listing("BRK.B"))).isEqualTo("BRK-B");
        assertThat(YahooChartProvider.toCanonical("BRK-B")).isEqualTo("BRK.B");
        assertThat(YahooChartProvider.toVendor(listing("ATW.CSE"))).isEqualTo("ATW.CS");
        assertThat(YahooChartProvider.toCanonical("ATW.CS")).isEqualTo("ATW.CSE");
        fake.on("/v8/finance/chart/BRK-B", Answer.json(200, "yahoo/chart_brkb_1d.json"));
        assertThat(yahoo.bars(request("BRK.B", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z"))).hasSize(1);
    }

    @Test
    void casablancaOnlyWhenSwitchedOnBecauseTheSuffixIsUnconfirmed() {
        failure(() -> yahoo.bars(request("ATW.CSE", Interval.D1, "2025-03-01T00:00:00Z", "2025-03-06T00:00:00Z")), Reason.NOT_COVERED);
        assertThat(yahoo.capabilities().markets()).doesNotContain(Market.CSE);
        YahooChartProvider withCse = new YahooChartProvider(config("yahoo", fake, Duration.ofMillis(400)), CALENDARS, CLOCK, true);
        fake.on("/v8/finance/chart/ATW.CS", Answer.json(404, "yahoo/error_404.json"));
        failure(() -> withCse.bars(request("ATW.CSE", Interval.D1, "2025-03-01T00:00:00Z", "2025-03-06T00:00:00Z")), Reason.NOT_COVERED);
    }

    @Test
    void splitsAndDividendsFromEvents() {
        fake.on("/v8/finance/chart/GS", Answer.json(200, "yahoo/chart_gs_1d.json"));
        assertThat(yahoo.corporateActions(listing("GS"), LocalDate.of(2023, 10, 1), LocalDate.of(2023, 10, 31))).containsExactly(
                new CorporateAction.Split(LocalDate.of(2023, 10, 3), 4.0, "yahoo"),
                new CorporateAction.CashDividend(LocalDate.of(2023, 10, 4), null, 2.75, "USD", "yahoo"));
    }

    @Test
    void errorsThrottlingAndMalformedAnswers() {
        fake.on("/v8/finance/chart/GS", Answer.json(400, "yahoo/error_400.json"));
        failure(() -> yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z")), Reason.NOT_COVERED);
        fake.on("/v8/finance/chart/GS", new Answer(429, "Edge: Too Many Requests", "text/html", Duration.ZERO, Map.of()));
        assertThat(failure(() -> yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z")), Reason.RATE_LIMITED)
                .retryAfter()).isEqualTo(Duration.ofSeconds(60));
        fake.on("/v8/finance/chart/GS", Answer.json(200, "yahoo/empty_result.json"));
        assertThat(yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z"))).isEmpty();
        fake.on("/v8/finance/chart/GS", Answer.json(200, "yahoo/ragged_arrays.json"));
        failure(() -> yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/v8/finance/chart/GS", new Answer(200, "{\"finance\":{\"error\":null}}", "application/json", Duration.ZERO, Map.of()));
        failure(() -> yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/v8/finance/chart/GS", new Answer(503, "", "text/html", Duration.ZERO, Map.of()));
        failure(() -> yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z")), Reason.UNAVAILABLE);
        fake.on("/v8/finance/chart/GS", Answer.json(200, "yahoo/chart_gs_1d.json").delayed(Duration.ofSeconds(3)));
        failure(() -> yahoo.bars(request("GS", Interval.D1, "2023-10-01T00:00:00Z", "2023-10-06T00:00:00Z")), Reason.UNAVAILABLE);
    }
}
