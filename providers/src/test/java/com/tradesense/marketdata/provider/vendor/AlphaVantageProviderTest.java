package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class AlphaVantageProviderTest {
    private final FakeVendor fake = new FakeVendor();
    private final AlphaVantageProvider av = new AlphaVantageProvider(config("alpha_vantage", fake, Duration.ofMillis(400)), CALENDARS, CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void dailyBarsFromTheDateKeyedObjectOldestFirst() {
        fake.on("/query", Answer.json(200, "alphavantage/daily_aapl.json"));
        List<Bar> bars = av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z"));
        long open = CALENDARS.of(Market.NASDAQ).session(LocalDate.of(2024, 11, 14)).orElseThrow().regularOpen().toEpochMilli();
        assertThat(bars).extracting(Bar::t).first().isEqualTo(open);
        assertThat(bars).extracting(Bar::c).containsExactly(228.22, 225.0);
        assertThat(fake.requests.get(0).getQuery()).contains("function=TIME_SERIES_DAILY", "symbol=AAPL", "outputsize=full", "apikey=test-key");
    }

    @Test
    void intradayBarsAreEasternLocalTimesAskedUnadjustedForTheMonth() {
        fake.on("/query", Answer.json(200, "alphavantage/intraday_msft_1min.json"));
        List<Bar> bars = av.bars(request("MSFT", Interval.M1, "2017-12-18T19:00:00Z", "2017-12-18T20:00:00Z"));
        long t = LocalDateTime.parse("2017-12-18T14:55:00").atZone(ZoneId.of("America/New_York")).toInstant().toEpochMilli();
        assertThat(bars).extracting(Bar::t).containsExactly(t, t + 60_000);
        assertThat(fake.requests.get(0).getQuery()).contains("function=TIME_SERIES_INTRADAY", "interval=1min", "adjusted=false", "month=2017-12");
    }

    @Test
    void symbology() {
        assertThat(AlphaVantageProvider.toVendor(listing("BRK.B"))).isEqualTo("BRK-B");
        assertThat(AlphaVantageProvider.toCanonical("BRK-B")).isEqualTo("BRK.B");
        failure(() -> av.bars(request("ATW.CSE", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.NOT_COVERED);
    }

    @Test
    void throttlingArrivesAsHttp200UnderNoteOrInformation() {
        for (String f : List.of("information_daily_limit.json", "note_daily_limit.json")) {
            fake.on("/query", Answer.json(200, "alphavantage/" + f));
            var e = failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.RATE_LIMITED);
            Instant midnightNy = LocalDate.of(2026, 6, 2).atStartOfDay(ZoneId.of("America/New_York")).toInstant();
            assertThat(e.retryAfter()).isEqualTo(Duration.between(CLOCK.instant(), midnightNy));
        }
        fake.on("/query", Answer.json(200, "alphavantage/note_per_minute.json"));
        assertThat(failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.RATE_LIMITED)
                .retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void errorsAndUnknownNoticesFailLoudly() {
        fake.on("/query", Answer.json(200, "alphavantage/error_invalid_call.json"));
        failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.NOT_COVERED);
        fake.on("/query", Answer.json(200, "alphavantage/error_apikey.json"));
        failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.UNAVAILABLE);
        fake.on("/query", Answer.json(200, "alphavantage/information_premium.json"));
        failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.NOT_COVERED);
        fake.on("/query", Answer.json(200, "alphavantage/information_demo.json"));
        failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.UNAVAILABLE);
        fake.on("/query", Answer.json(200, "alphavantage/information_unknown.json"));
        failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/query", Answer.json(200, "twelvedata/time_series_aapl_1min.json")); // another vendor's shape
        failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.BAD_RESPONSE);
        fake.on("/query", Answer.json(200, "alphavantage/daily_aapl.json").delayed(Duration.ofSeconds(3)));
        failure(() -> av.bars(request("AAPL", Interval.D1, "2024-11-14T00:00:00Z", "2024-11-16T00:00:00Z")), Reason.UNAVAILABLE);
    }
}
