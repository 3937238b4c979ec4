package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class FredProviderTest {
    private static final String PATH = "/fred/series/observations";
    private final FakeVendor fake = new FakeVendor();
    private final FredProvider fred = new FredProvider(config("fred", fake, Duration.ofMillis(400)), CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    private EconomicSeries unrate() {
        return fred.economicSeries("US", EconomicIndicator.UNEMPLOYMENT, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-05-31"));
    }

    @Test
    void unemploymentIsUnrateWithMissingValuesSkipped() {
        fake.on(PATH, Answer.json(200, "fred/observations_unrate.json"));
        EconomicSeries s = unrate();
        assertThat(s.observations()).containsExactly(new Observation(LocalDate.parse("2025-01-01"), 4.0),
                new Observation(LocalDate.parse("2025-02-01"), 4.1), new Observation(LocalDate.parse("2025-04-01"), 4.2),
                new Observation(LocalDate.parse("2025-05-01"), 4.2));
        assertThat(s.frequency()).isEqualTo("monthly");
        assertThat(s.source().provider()).isEqualTo("fred");
        assertThat(fake.requests.get(0).getQuery()).contains("series_id=UNRATE", "api_key=test-key", "file_type=json",
                "observation_start=2025-01-01", "observation_end=2025-05-31");
    }

    @Test
    void inflationAndGdpAreYearOnYearChangesDerivedByFred() {
        fake.on(PATH, Answer.json(200, "fred/observations_unrate.json"));
        fred.economicSeries("US", EconomicIndicator.INFLATION, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-05-31"));
        assertThat(fake.requests.get(0).getQuery()).contains("series_id=CPIAUCSL", "units=pc1");
        fred.economicSeries("US", EconomicIndicator.GDP, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-05-31"));
        assertThat(fake.requests.get(1).getQuery()).contains("series_id=GDPC1", "units=pc1");
    }

    @Test
    void policyRateIsTheTargetUpperLimitAtEachChangeAndTheLevelInForceAtFrom() {
        fake.on(PATH, Answer.json(200, "fred/observations_dfedtaru.json"));
        EconomicSeries s = fred.economicSeries("US", EconomicIndicator.POLICY_RATE, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"));
        assertThat(s.observations()).containsExactly(new Observation(LocalDate.parse("2024-09-18"), 5.0),
                new Observation(LocalDate.parse("2025-09-17"), 4.25), new Observation(LocalDate.parse("2025-10-29"), 4.0));
        assertThat(fake.requests.get(0).getQuery()).contains("series_id=DFEDTARU", "observation_start=2024-01-01");
    }

    @Test
    void onlyTheUs() {
        failure(() -> fred.economicSeries("MA", EconomicIndicator.GDP, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-05-31")), Reason.NOT_COVERED);
        assertThat(fake.hits.get()).isZero();
    }

    @Test
    void errorsMapToReasons() {
        fake.on(PATH, Answer.json(400, "fred/error_400_api_key.json"));
        failure(this::unrate, Reason.UNAVAILABLE);
        fake.on(PATH, Answer.json(400, "fred/error_400_series.json"));
        failure(this::unrate, Reason.NOT_COVERED);
        fake.on(PATH, Answer.json(429, "fred/error_429.json"));
        assertThat(failure(this::unrate, Reason.RATE_LIMITED).retryAfter()).isEqualTo(Duration.ofSeconds(60));
        fake.on(PATH, Answer.json(429, "fred/error_429.json").withHeader("Retry-After", "5"));
        assertThat(failure(this::unrate, Reason.RATE_LIMITED).retryAfter()).isEqualTo(Duration.ofSeconds(5));
        fake.on(PATH, new Answer(503, "<html>down</html>", "text/html", Duration.ZERO, Map.of()));
        failure(this::unrate, Reason.UNAVAILABLE);
    }

    @Test
    void malformedBodiesAreBadResponses() {
        fake.on(PATH, Answer.json(200, "fred/malformed_value.json"));
        failure(this::unrate, Reason.BAD_RESPONSE);
        fake.on(PATH, new Answer(200, "<?xml version=\"1.0\"?><observations/>", "text/xml", Duration.ZERO, Map.of()));
        failure(this::unrate, Reason.BAD_RESPONSE);
        fake.on(PATH, new Answer(200, "{\"count\":0}", "application/json", Duration.ZERO, Map.of()));
        failure(this::unrate, Reason.BAD_RESPONSE);
    }

    @Test
    void slowOrDeadIsUnavailable() {
        fake.on(PATH, Answer.json(200, "fred/observations_unrate.json").delayed(Duration.ofSeconds(2)));
        failure(this::unrate, Reason.UNAVAILABLE);
        fake.stop();
        ProviderException e = failure(this::unrate, Reason.UNAVAILABLE);
        assertThat(e.provider()).isEqualTo("fred");
    }
}
