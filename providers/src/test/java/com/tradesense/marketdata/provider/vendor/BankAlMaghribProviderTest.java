package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.Bar;
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

class BankAlMaghribProviderTest {
    private static final String PATH = BankAlMaghribProvider.PATH;
    private final FakeVendor fake = new FakeVendor();
    private final BankAlMaghribProvider bam = new BankAlMaghribProvider(config("bank_al_maghrib", fake, Duration.ofMillis(400)), CALENDARS, CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    private static long stamp(String date) {
        return VendorBars.dailyStamp(CALENDARS.of(Market.FX), LocalDate.parse(date));
    }

    private List<Bar> eur() {
        return bam.bars(request("EUR/MAD", Interval.D1, "2023-05-10T00:00:00Z", "2023-05-12T00:00:00Z"));
    }

    @Test
    void referenceRateIsAFlatDailyBarWithTheKeyInTheHeader() {
        fake.on(PATH, Answer.json(200, "bam/coursvirement_2023-05-11.json"));
        assertThat(eur()).containsExactly(new Bar(stamp("2023-05-11"), 10.9884, 10.9884, 10.9884, 10.9884, 0, Bar.NO_COUNT, Double.NaN));
        assertThat(fake.requests.get(0).getQuery()).contains("libDevise=EUR", "date=2023-05-09");
        assertThat(fake.requests).extracting(u -> u.getQuery().replaceAll(".*date=", "")).containsExactly(
                "2023-05-09", "2023-05-10", "2023-05-11", "2023-05-12", "2023-05-13");
        assertThat(fake.headers.get(0).get("Ocp-apim-subscription-key")).containsExactly("test-key");
    }

    @Test
    void ratesQuotedPerHundredUnitsAreRescaledAndHistoricalRowsUseTheMid() {
        fake.on(PATH, Answer.json(200, "bam/coursvirement_2023-05-11.json"));
        assertThat(bam.bars(request("JPY/MAD", Interval.D1, "2023-05-10T00:00:00Z", "2023-05-12T00:00:00Z")))
                .extracting(Bar::c).containsExactly(0.0625);
        fake.on(PATH, Answer.json(200, "bam/coursvirement_1999-01-04_usd.json"));
        assertThat(bam.bars(request("USD/MAD", Interval.D1, "1999-01-03T00:00:00Z", "1999-01-05T00:00:00Z")))
                .extracting(Bar::c).containsExactly((9.2125 + 9.2679) / 2);
    }

    @Test
    void daysWithoutRatesGiveNoBars() {
        fake.on(PATH, Answer.json(200, "bam/empty.json"));
        assertThat(eur()).isEmpty();
        fake.on(PATH, new Answer(204, "", "application/json", Duration.ZERO, Map.of()));
        assertThat(eur()).isEmpty();
    }

    @Test
    void coverage() {
        failure(() -> bam.bars(request("EUR/MAD", Interval.H1, "2023-05-10T00:00:00Z", "2023-05-12T00:00:00Z")), Reason.NOT_COVERED);
        failure(() -> bam.bars(request("AAPL", Interval.D1, "2023-05-10T00:00:00Z", "2023-05-12T00:00:00Z")), Reason.NOT_COVERED);
        failure(() -> bam.bars(request("EUR/MAD", Interval.D1, "2023-01-01T00:00:00Z", "2023-05-12T00:00:00Z")), Reason.NOT_COVERED);
        assertThat(fake.hits.get()).isZero();
        assertThat(BankAlMaghribProvider.toVendor(listing("USD/MAD"))).isEqualTo("USD");
    }

    @Test
    void errorsMapToReasons() {
        fake.on(PATH, Answer.json(401, "bam/error_401.json"));
        failure(this::eur, Reason.UNAVAILABLE);
        fake.on(PATH, Answer.json(429, "bam/error_429.json"));
        assertThat(failure(this::eur, Reason.RATE_LIMITED).retryAfter()).isEqualTo(Duration.ofSeconds(12));
        fake.on(PATH, Answer.json(429, "bam/error_429.json").withHeader("Retry-After", "3"));
        assertThat(failure(this::eur, Reason.RATE_LIMITED).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        fake.on(PATH, new Answer(500, "<html>error</html>", "text/html", Duration.ZERO, Map.of()));
        failure(this::eur, Reason.UNAVAILABLE);
    }

    @Test
    void malformedBodiesAreBadResponsesNeverBars() {
        fake.on(PATH, Answer.json(200, "bam/malformed_rate.json"));
        failure(this::eur, Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(200, "bam/error_401.json")); // an object, not the rows array
        failure(this::eur, Reason.BAD_RESPONSE);
        fake.on(PATH, new Answer(200, "<html>portal</html>", "text/html", Duration.ZERO, Map.of()));
        failure(this::eur, Reason.BAD_RESPONSE);
    }

    @Test
    void slowOrDeadIsUnavailable() {
        fake.on(PATH, Answer.json(200, "bam/coursvirement_2023-05-11.json").delayed(Duration.ofSeconds(2)));
        failure(this::eur, Reason.UNAVAILABLE);
        fake.stop();
        failure(this::eur, Reason.UNAVAILABLE);
    }
}
