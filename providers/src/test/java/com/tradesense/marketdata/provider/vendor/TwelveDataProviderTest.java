package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class TwelveDataProviderTest {
    private final FakeVendor fake = new FakeVendor();
    private final TwelveDataProvider td = new TwelveDataProvider(config("twelve_data", fake, Duration.ofMillis(400)), CALENDARS, CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void parsesUsMinuteBarsFromTheDocumentedPayload() {
        fake.on("/time_series", Answer.json(200, "twelvedata/time_series_aapl_1min.json"));
        List<Bar> bars = td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z"));
        assertThat(bars).hasSize(2);
        long t = LocalDateTime.parse("2021-09-16T15:59:00").atZone(ZoneId.of("America/New_York")).toInstant().toEpochMilli();
        assertThat(bars.get(1)).isEqualTo(new Bar(t, 148.735, 148.86, 148.73, 148.85001, 624277, Bar.NO_COUNT, Double.NaN));
        String q = fake.requests.get(0).getQuery();
        assertThat(q).contains("symbol=AAPL", "interval=1min", "start_date=2021-09-16 15:00:00", "order=asc").doesNotContain("apikey");
        assertThat(fake.headers.get(0).get("Authorization")).containsExactly("apikey test-key");
    }

    @Test
    void casablancaListingsAreAskedBySymbolAndMicAndStampedAtTheSessionOpen() {
        fake.on("/time_series", Answer.json(200, "twelvedata/time_series_atw_1day.json"));
        List<Bar> bars = td.bars(request("ATW.CSE", Interval.D1, "2025-03-01T00:00:00Z", "2025-03-06T00:00:00Z"));
        assertThat(fake.requests.get(0).getQuery()).contains("symbol=ATW", "mic_code=XCAS", "interval=1day");
        long open = CALENDARS.of(Market.CSE).session(LocalDate.of(2025, 3, 3)).orElseThrow().regularOpen().toEpochMilli();
        assertThat(bars).extracting(Bar::t).first().isEqualTo(open);
        assertThat(bars).extracting(Bar::c).containsExactly(595.0, 598.5);
    }

    @Test
    void symbologyBothWays() {
        assertThat(TwelveDataProvider.toVendor(listing("ATW.CSE"))).isEqualTo(new TwelveDataProvider.VendorSymbol("ATW", "XCAS"));
        assertThat(TwelveDataProvider.toVendor(listing("BRK.B"))).isEqualTo(new TwelveDataProvider.VendorSymbol("BRK.B", null));
        assertThat(TwelveDataProvider.toCanonical("ATW", "XCAS")).isEqualTo("ATW.CSE");
        assertThat(TwelveDataProvider.toCanonical("BRK.B", "XNYS")).isEqualTo("BRK.B");
    }

    @Test
    void perMinuteThrottleWithHttp200IsRateLimitedUntilTheNextMinute() {
        fake.on("/time_series", Answer.json(200, "twelvedata/error_429_minute.json"));
        ProviderException e = failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)); // clock at 12:00:30
    }

    @Test
    void dailyThrottleWithHttp429WaitsForMidnightUtcUnlessRetryAfterSays() {
        fake.on("/time_series", Answer.json(429, "twelvedata/error_429_day.json"));
        ProviderException e = failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(12).minusSeconds(30));
        fake.on("/time_series", Answer.json(429, "twelvedata/error_429_day.json").withHeader("Retry-After", "7"));
        assertThat(failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.RATE_LIMITED)
                .retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void errorCodesMapToReasons() {
        fake.on("/time_series", Answer.json(200, "twelvedata/error_404.json"));
        failure(() -> td.bars(request("AAPL", Interval.D1, "2021-09-01T00:00:00Z", "2021-09-20T00:00:00Z")), Reason.NOT_COVERED);
        fake.on("/time_series", Answer.json(401, "twelvedata/error_401.json"));
        failure(() -> td.bars(request("AAPL", Interval.D1, "2021-09-01T00:00:00Z", "2021-09-20T00:00:00Z")), Reason.UNAVAILABLE);
        fake.on("/time_series", new Answer(502, "<html>Bad gateway</html>", "text/html", Duration.ZERO, java.util.Map.of()));
        failure(() -> td.bars(request("AAPL", Interval.D1, "2021-09-01T00:00:00Z", "2021-09-20T00:00:00Z")), Reason.UNAVAILABLE);
    }

    @Test
    void malformedBodiesAreBadResponsesNeverBars() {
        fake.on("/time_series", Answer.json(200, "twelvedata/malformed_values.json"));
        failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/time_series", new Answer(200, "<html>maintenance</html>", "text/html", Duration.ZERO, java.util.Map.of()));
        failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/time_series", new Answer(200, "{\"status\":\"ok\",\"meta\":{}}", "application/json", Duration.ZERO, java.util.Map.of()));
        failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.BAD_RESPONSE);
    }

    @Test
    void slowAnswersTimeOutAsUnavailable() {
        fake.on("/time_series", Answer.json(200, "twelvedata/time_series_aapl_1min.json").delayed(Duration.ofSeconds(3)));
        long t0 = System.nanoTime();
        failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aDeadVendorIsUnavailable() {
        fake.stop();
        failure(() -> td.bars(request("AAPL", Interval.M1, "2021-09-16T19:00:00Z", "2021-09-16T20:00:00Z")), Reason.UNAVAILABLE);
    }
}
