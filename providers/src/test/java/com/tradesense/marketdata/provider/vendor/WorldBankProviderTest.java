package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class WorldBankProviderTest {
    private final FakeVendor fake = new FakeVendor();
    private final WorldBankProvider wb = new WorldBankProvider(config("world_bank", fake, Duration.ofMillis(400)), CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    private EconomicSeries maGdp() {
        return wb.economicSeries("MA", EconomicIndicator.GDP, LocalDate.parse("2020-01-01"), LocalDate.parse("2026-05-31"));
    }

    @Test
    void annualSeriesOldestFirstWithNullsSkipped() {
        fake.on("/v2/country/MA/indicator/NY.GDP.MKTP.KD.ZG", Answer.json(200, "worldbank/ma_gdp_growth.json"));
        EconomicSeries s = maGdp();
        assertThat(s.observations()).containsExactly(new Observation(LocalDate.parse("2023-01-01"), 3.40123),
                new Observation(LocalDate.parse("2024-01-01"), 3.2));
        assertThat(s.frequency()).isEqualTo("annual");
        assertThat(s.source().provider()).isEqualTo("world_bank");
        assertThat(fake.requests.get(0).getQuery()).contains("format=json", "date=2020:2026", "per_page=20000");
    }

    @Test
    void indicatorIdsAndCoverage() {
        fake.on("/v2/", Answer.json(200, "worldbank/empty.json"));
        assertThat(wb.economicSeries("US", EconomicIndicator.INFLATION, LocalDate.parse("2020-01-01"), LocalDate.parse("2024-12-31"))
                .observations()).isEmpty();
        assertThat(fake.requests.get(0).getPath()).isEqualTo("/v2/country/US/indicator/FP.CPI.TOTL.ZG");
        wb.economicSeries("US", EconomicIndicator.UNEMPLOYMENT, LocalDate.parse("2020-01-01"), LocalDate.parse("2024-12-31"));
        assertThat(fake.requests.get(1).getPath()).isEqualTo("/v2/country/US/indicator/SL.UEM.TOTL.ZS");
        failure(() -> wb.economicSeries("US", EconomicIndicator.POLICY_RATE, LocalDate.parse("2020-01-01"), LocalDate.parse("2024-12-31")), Reason.NOT_COVERED);
        failure(() -> wb.economicSeries("FR", EconomicIndicator.GDP, LocalDate.parse("2020-01-01"), LocalDate.parse("2024-12-31")), Reason.NOT_COVERED);
        assertThat(fake.hits.get()).isEqualTo(2);
    }

    @Test
    void errorMessageWithHttp200IsNotCoveredAndOtherFailuresMap() {
        fake.on("/v2/", Answer.json(200, "worldbank/error_invalid_value.json"));
        failure(this::maGdp, Reason.NOT_COVERED);
        fake.on("/v2/", Answer.json(429, "worldbank/empty.json").withHeader("Retry-After", "9"));
        assertThat(failure(this::maGdp, Reason.RATE_LIMITED).retryAfter()).isEqualTo(Duration.ofSeconds(9));
        fake.on("/v2/", new Answer(502, "<html>bad gateway</html>", "text/html", Duration.ZERO, Map.of()));
        failure(this::maGdp, Reason.UNAVAILABLE);
    }

    @Test
    void malformedOrWrongDataIsABadResponse() {
        fake.on("/v2/", Answer.json(200, "worldbank/wrong_country.json"));
        failure(this::maGdp, Reason.BAD_RESPONSE);
        fake.on("/v2/", Answer.json(200, "worldbank/malformed_value.json"));
        failure(this::maGdp, Reason.BAD_RESPONSE);
        fake.on("/v2/", new Answer(200, "{\"page\":1}", "application/json", Duration.ZERO, Map.of()));
        failure(this::maGdp, Reason.BAD_RESPONSE);
        fake.on("/v2/", new Answer(200, "<?xml version=\"1.0\"?><wb:data/>", "text/xml", Duration.ZERO, Map.of()));
        failure(this::maGdp, Reason.BAD_RESPONSE);
    }

    @Test
    void slowOrDeadIsUnavailable() {
        fake.on("/v2/", Answer.json(200, "worldbank/ma_gdp_growth.json").delayed(Duration.ofSeconds(2)));
        failure(this::maGdp, Reason.UNAVAILABLE);
        fake.stop();
        failure(this::maGdp, Reason.UNAVAILABLE);
    }
}
