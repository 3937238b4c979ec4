package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.economy.EconomicQuery;
import com.tradesense.marketdata.economy.EconomyService;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class BankAlMaghribPolicyRateProviderTest {
    private static final String PATH = "/adju/Version1/api/GenTELADJ";
    private final FakeVendor fake = new FakeVendor();
    private final BankAlMaghribPolicyRateProvider bam = new BankAlMaghribPolicyRateProvider(
            config("bank_al_maghrib_auctions", fake, Duration.ofMillis(400)), CLOCK);

    @AfterEach
    void stop() {
        fake.stop();
    }

    private EconomicSeries rate(String from, String to) {
        return bam.economicSeries("MA", EconomicIndicator.POLICY_RATE, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void theSevenDayAdvanceRateReducedToItsChanges() {
        fake.on(PATH, Answer.json(200, "bam/genteladj_avances7j.json"));
        EconomicSeries s = rate("2023-01-01", "2024-12-31");
        assertThat(s.observations()).containsExactly(new Observation(LocalDate.of(2022, 12, 15), 2.0),
                new Observation(LocalDate.of(2023, 1, 5), 2.5), new Observation(LocalDate.of(2023, 3, 23), 3.0),
                new Observation(LocalDate.of(2024, 6, 27), 2.75));
        assertThat(s.source().provider()).isEqualTo("bank_al_maghrib_auctions");
        assertThat(fake.requests.get(0).getQuery())
                .isEqualTo("dateAdjudicationDu=2022-01-01&dateAdjudicationAu=2024-12-31&instrument=AVANCES7J");
        assertThat(fake.headers.get(0).get("Ocp-apim-subscription-key")).containsExactly("test-key");
        failure(() -> bam.economicSeries("MA", EconomicIndicator.INFLATION, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1)), Reason.NOT_COVERED);
        failure(() -> bam.economicSeries("US", EconomicIndicator.POLICY_RATE, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1)), Reason.NOT_COVERED);
    }

    @Test
    void noOperationsIsAnEmptySeries() {
        fake.on(PATH, new Answer(200, "[]", "application/json", Duration.ZERO, Map.of()));
        assertThat(rate("2023-01-01", "2023-01-02").observations()).isEmpty();
        fake.on(PATH, new Answer(204, "", "application/json", Duration.ZERO, Map.of()));
        assertThat(rate("2023-01-01", "2023-01-02").observations()).isEmpty();
    }

    @Test
    void errorsThrottlingSlowAndWrongData() {
        fake.on(PATH, Answer.json(429, "bam/error_429.json"));
        assertThat(failure(() -> rate("2023-01-01", "2024-12-31"), Reason.RATE_LIMITED).retryAfter()).isEqualTo(Duration.ofSeconds(12));
        fake.on(PATH, Answer.json(401, "bam/error_401.json"));
        failure(() -> rate("2023-01-01", "2024-12-31"), Reason.UNAVAILABLE);
        fake.on(PATH, Answer.json(200, "bam/error_401.json")); // an object, not the rows
        failure(() -> rate("2023-01-01", "2024-12-31"), Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(200, "bam/genteladj_wrong_instrument.json")); // overnight advances for 7-day ones
        failure(() -> rate("2023-01-01", "2024-12-31"), Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(200, "bam/genteladj_malformed_rate.json"));
        failure(() -> rate("2023-01-01", "2024-12-31"), Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(200, "bam/genteladj_avances7j.json").delayed(Duration.ofSeconds(3)));
        failure(() -> rate("2023-01-01", "2024-12-31"), Reason.UNAVAILABLE);
    }

    @Test
    void theEconomyServiceAnswersMoroccosPolicyRateFromBam() {
        fake.on(PATH, Answer.json(200, "bam/genteladj_avances7j.json"));
        ProviderRegistry registry = new ProviderRegistry(VendorProviders.fromEnvironment(Map.of(
                "MDE_PROVIDER_BANK_AL_MAGHRIB_AUCTIONS_API_KEY", "test-key",
                "MDE_PROVIDER_BANK_AL_MAGHRIB_AUCTIONS_BASE_URL", fake.baseUrl()), CALENDARS, CLOCK), SimulatorMode.OFF);
        EconomicSeries s = new EconomyService(registry, CLOCK).series(EconomicQuery.parse("MA", "policy-rate", "2023-01-01", "2024-12-31"));
        assertThat(s.source().provider()).isEqualTo("bank_al_maghrib_auctions");
        assertThat(s.observations()).extracting(Observation::value).containsExactly(2.0, 2.5, 3.0, 2.75);
    }
}
