package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.CALENDARS;
import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.CLOCK;
import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vendors that fail loudly, echoing the request (with its key) in error bodies, or not answering at all:
 * no exception message any adapter raises (the text that reaches logs, problem details and
 * /providers/status) carries the key.
 */
class VendorKeyLeakTest {
    static final String KEY = "LEAKCANARY-9f8e7d6c5b4a";
    private final FakeVendor fake = new FakeVendor();

    @AfterEach
    void stop() {
        fake.stop();
    }

    VendorConfig config(String id) {
        return new VendorConfig(id, KEY, URI.create(fake.baseUrl()), 10, Duration.ofMillis(300));
    }

    /** Error answers that quote the key the way careless vendors and proxies do. */
    List<Answer> hostileAnswers(String path) {
        String url = fake.baseUrl() + path + "?apikey=" + KEY + "&api_key=" + KEY + "&apiKey=" + KEY;
        return List.of(
                new Answer(500, "{\"error\":\"internal\",\"request\":\"" + url + "\"}", "application/json", Duration.ZERO, Map.of()),
                new Answer(401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key " + KEY + "\",\"message\":\"key " + KEY + "\"}",
                        "application/json", Duration.ZERO, Map.of()),
                new Answer(403, "{\"code\":403,\"message\":\"apikey " + KEY + " is not allowed\"}", "application/json", Duration.ZERO, Map.of()),
                new Answer(200, "<html>proxy error for " + url + " Ocp-Apim-Subscription-Key: " + KEY + "</html>", "text/html",
                        Duration.ZERO, Map.of()),
                new Answer(200, "{\"Error Message\":\"Invalid API call for apikey=" + KEY + "\",\"Note\":\"" + KEY + "\"}",
                        "application/json", Duration.ZERO, Map.of()),
                new Answer(429, "{\"message\":\"limit for " + KEY + "\"}", "application/json", Duration.ZERO, Map.of("Retry-After", "1")),
                Answer.json(200, "polygon/aggs_aapl_day.json").delayed(Duration.ofSeconds(2)));
    }

    int check(String path, Function<Void, Object> call) {
        int failures = 0;
        for (Answer a : hostileAnswers(path)) {
            fake.on(path, a);
            try {
                call.apply(null);
            } catch (ProviderException e) {
                failures++;
                List<String> texts = new ArrayList<>();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    texts.add(t.toString());
                    texts.add(String.valueOf(t.getMessage()));
                }
                assertThat(texts).as("answer %d %s", a.status(), a.body()).noneMatch(s -> s.contains(KEY));
            }
        }
        return failures;
    }

    @Test
    void noAdapterErrorCarriesTheKey() {
        var polygon = new PolygonProvider(config("polygon"), CALENDARS, CLOCK);
        var twelve = new TwelveDataProvider(config("twelve_data"), CALENDARS, CLOCK);
        var alpha = new AlphaVantageProvider(config("alpha_vantage"), CALENDARS, CLOCK);
        var fred = new FredProvider(config("fred"), CLOCK);
        var bam = new BankAlMaghribProvider(config("bank_al_maghrib"), CALENDARS, CLOCK);
        int failed = 0;
        failed += check("/v2/aggs", x -> polygon.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")));
        failed += check("/time_series", x -> twelve.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")));
        failed += check("/query", x -> alpha.bars(request("AAPL", Interval.D1, "2022-04-25T00:00:00Z", "2022-04-27T00:00:00Z")));
        failed += check("/fred/series/observations", x -> fred.economicSeries("US", EconomicIndicator.UNEMPLOYMENT,
                LocalDate.parse("2025-01-01"), LocalDate.parse("2025-05-31")));
        failed += check(BankAlMaghribProvider.PATH, x -> bam.bars(request("EUR/MAD", Interval.D1, "2023-05-10T00:00:00Z", "2023-05-12T00:00:00Z")));
        assertThat(failed).as("the hostile answers must make the adapters fail, or nothing was checked").isGreaterThanOrEqualTo(25);
    }
}
