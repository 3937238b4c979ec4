package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CasablancaBourseProviderTest {
    private static final String PATH = "/bourse_data/instrument_history";
    private static final String FROM = "2025-03-03T00:00:00Z";
    private static final String TO = "2025-03-05T00:00:00Z";

    private final FakeVendor fake = new FakeVendor();
    private final CasablancaBourseProvider cse = new CasablancaBourseProvider(config("cse_api", fake, Duration.ofMillis(400)),
            CALENDARS, CLOCK, "IAM=512");

    @AfterEach
    void stop() {
        fake.stop();
    }

    private String query(int i) {
        return URLDecoder.decode(fake.requests.get(i).getRawQuery(), StandardCharsets.UTF_8);
    }

    @Test
    void dailyBarsFromTheExchangesInstrumentHistory() {
        fake.on(PATH, Answer.json(200, "cse/instrument_history_atw.json"));
        List<Bar> bars = cse.bars(request("ATW.CSE", Interval.D1, FROM, TO));
        assertThat(bars).hasSize(2);
        long open = VendorBars.dailyStamp(CALENDARS.of(Market.CSE), LocalDate.of(2025, 3, 3));
        assertThat(bars.get(0)).isEqualTo(new Bar(open, 577.0, 582.9, 575.0, 580.0, 21200, 96, 12294054.0 / 21200));
        assertThat(bars.get(1).c()).isEqualTo(585.5);
        assertThat(query(0)).contains("filter[filter-historique-instrument-emetteur][condition][value]=511",
                "filter[filter-date-start-vh][condition][value]=2025-03-03", "filter[filter-date-end-vh][condition][value]=2025-03-04",
                "filter[filter-date-start-vh][condition][operator]=>=", "page[offset]=0", "page[limit]=250", "include=symbol");
        assertThat(fake.headers.get(0).get("Accept")).containsExactly("application/vnd.api+json");
        assertThat(fake.headers.get(0).get("User-agent").get(0)).startsWith("Mozilla/5.0");
        assertThat(cse.isExchange()).isTrue();
    }

    @Test
    void readsPagesUntilAShortOne() {
        fake.on(PATH, Answer.json(200, "cse/instrument_history_page1.json"));
        fake.on(PATH + "?page%5Boffset%5D=250", Answer.json(200, "cse/instrument_history_page2.json"));
        List<Bar> bars = cse.bars(request("ATW.CSE", Interval.D1, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"));
        assertThat(fake.requests).hasSize(2);
        assertThat(query(1)).contains("page[offset]=250");
        // 251 sessions on the weekdays the fake made up; the exchange's holidays among them are still bars
        assertThat(bars).hasSize(251);
        assertThat(bars.get(0).t()).isLessThan(bars.get(250).t());
    }

    @Test
    void symbolsMapBothWaysAndUnknownInstrumentsAreNotCovered() {
        assertThat(CasablancaBourseProvider.toVendor(listing("ATW.CSE"))).isEqualTo("ATW");
        assertThat(CasablancaBourseProvider.toCanonical("ATW")).isEqualTo("ATW.CSE");
        assertThatThrownBy(() -> CasablancaBourseProvider.toVendor(listing("AAPL"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CasablancaBourseProvider.toCanonical("atw")).isInstanceOf(IllegalArgumentException.class);
        assertThat(cse.instrumentId("ATW")).contains("511");
        assertThat(cse.instrumentId("IAM")).contains("512"); // from the environment
        failure(() -> cse.bars(request("BCP.CSE", Interval.D1, FROM, TO)), Reason.NOT_COVERED);
        failure(() -> cse.bars(request("MASI.CSE", Interval.D1, FROM, TO)), Reason.NOT_COVERED);
        failure(() -> cse.bars(request("ATW.CSE", Interval.H1, FROM, TO)), Reason.NOT_COVERED);
        failure(() -> cse.bars(request("AAPL", Interval.D1, FROM, TO)), Reason.NOT_COVERED);
        assertThat(fake.hits.get()).isZero();
        assertThatThrownBy(() -> new CasablancaBourseProvider(config("cse_api", fake, Duration.ofSeconds(1)), CALENDARS, CLOCK, "IAM"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorsThrottlingAndTheWaf() {
        fake.on(PATH, new Answer(429, "", "text/plain", Duration.ZERO, Map.of("Retry-After", "5")));
        assertThat(failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.RATE_LIMITED).retryAfter())
                .isEqualTo(Duration.ofSeconds(5));
        fake.on(PATH, new Answer(429, "", "text/plain", Duration.ZERO, Map.of()));
        assertThat(failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.RATE_LIMITED).retryAfter())
                .isEqualTo(Duration.ofSeconds(60));
        fake.on(PATH, new Answer(403, FakeVendor.load("cse/waf_challenge.html"), "text/html", Duration.ZERO, Map.of()));
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
        fake.on(PATH, new Answer(200, FakeVendor.load("cse/waf_challenge.html"), "text/html", Duration.ZERO, Map.of()));
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(400, "cse/jsonapi_error_400.json"));
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(200, "cse/jsonapi_error_400.json"));
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on(PATH, new Answer(500, "Internal Server Error", "text/plain", Duration.ZERO, Map.of()));
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
    }

    @Test
    void slowMalformedAndWrongAnswers() {
        fake.on(PATH, Answer.json(200, "cse/instrument_history_atw.json").delayed(Duration.ofSeconds(3)));
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
        fake.on(PATH, Answer.json(200, "cse/instrument_history_malformed_price.json")); // "585,50": a French decimal comma
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(200, "cse/instrument_history_wrong_symbol.json")); // IAM's history for ATW
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.on(PATH, Answer.json(200, "cse/instrument_history_empty.json"));
        assertThat(cse.bars(request("ATW.CSE", Interval.D1, FROM, TO))).isEmpty();
        fake.on(PATH, new Answer(200, "{\"data\":[{\"type\":\"instrument_history\",\"attributes\":{\"created\":\"04/03/2025\"}}]}",
                "application/vnd.api+json", Duration.ZERO, Map.of()));
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.BAD_RESPONSE);
        fake.stop();
        failure(() -> cse.bars(request("ATW.CSE", Interval.D1, FROM, TO)), Reason.UNAVAILABLE);
    }

    @Test
    void theServiceAnswersFromTheExchangeBeforeOtherVendors() {
        fake.on(PATH, Answer.json(200, "cse/instrument_history_atw.json"));
        ProviderRegistry registry = new ProviderRegistry(VendorProviders.fromEnvironment(Map.of(
                "MDE_PROVIDER_CSE_API_ENABLED", "true", "MDE_PROVIDER_CSE_API_BASE_URL", fake.baseUrl(),
                // Twelve Data pointed at a closed port: it must not be needed
                "MDE_PROVIDER_TWELVE_DATA_API_KEY", "k", "MDE_PROVIDER_TWELVE_DATA_BASE_URL", "http://127.0.0.1:1"), CALENDARS, CLOCK),
                SimulatorMode.OFF);
        assertThat(registry.all().get(0).id()).isEqualTo("cse_api");
        assertThat(registry.all().get(0).isExchange()).isTrue();
        MarketDataService service = new MarketDataService(SYMBOLS, CALENDARS, registry, new CorporateActionsService(registry, CLOCK), CLOCK);
        BarSeries s = service.ohlcv(OhlcvQuery.parse("ATW.CSE", "1d", "raw", "2025-03-03", "2025-03-05", null, null));
        assertThat(s.source().provider()).isEqualTo("cse_api");
        assertThat(s.bars()).extracting(Bar::c).containsExactly(580.0, 585.5);
    }
}
