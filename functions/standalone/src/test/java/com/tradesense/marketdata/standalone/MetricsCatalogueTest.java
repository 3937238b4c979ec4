package com.tradesense.marketdata.standalone;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics contract (docs/metrics.md) holds over HTTP: every metric the catalogue says is emitted
 * is on /q/metrics of the running engine, with the labels it promises.
 */
@QuarkusTest
class MetricsCatalogueTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z_:][a-z0-9_:]*)`\\s*\\|\\s*([a-z+]+)\\s*\\|([^|]*)\\|\\s*([^|]+?)\\s*\\|");

    record Entry(String name, String type, List<String> labels, boolean emitted) { }

    static List<Entry> catalogue() throws IOException {
        Path doc = Path.of("../../docs/metrics.md");
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                List<String> labels = new ArrayList<>();
                for (String l : m.group(3).split(",")) {
                    if (!l.isBlank()) {
                        labels.add(l.trim());
                    }
                }
                out.add(new Entry(m.group(1), m.group(2), labels, m.group(4).startsWith("emitted")));
            }
        }
        return out;
    }

    /** Sample names on a Prometheus text page (comments skipped). */
    static Set<String> sampleNames(String page) {
        Set<String> names = new TreeSet<>();
        for (String line : page.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    @Test
    void everyEmittedMetricOfTheCatalogueIsOnTheMetricsPage() throws IOException {
        // one provider call and one served answer, so the per-call meters exist
        given().when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-02-01")
                .then().statusCode(200);

        String page = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/plain"))
                .extract().asString();
        Set<String> names = sampleNames(page);

        List<Entry> catalogue = catalogue();
        assertThat(catalogue).as("rows parsed from docs/metrics.md").hasSizeGreaterThan(10);
        List<Entry> emitted = catalogue.stream().filter(Entry::emitted).toList();
        assertThat(emitted).extracting(Entry::name).contains("mde_provider_requests_seconds",
                "mde_data_staleness_seconds", "mde_provider_cost_today_usd", "mde_symbol_master_listings",
                "http_server_requests_seconds");
        for (Entry e : emitted) {
            String sample = switch (e.type()) {
                case "timer", "timer+histogram" -> e.name() + "_count";
                default -> e.name();
            };
            assertThat(names).as("%s on /q/metrics", sample).contains(sample);
            if (e.type().equals("timer+histogram")) {
                assertThat(names).as("histogram of %s", e.name()).contains(e.name() + "_bucket");
            }
            for (String label : e.labels()) {
                assertThat(page).as("label %s of %s", label, e.name())
                        .containsPattern("(?m)^" + Pattern.quote(sample) + "\\{[^}]*\\b" + label + "=\"");
            }
        }
        // declared metrics belong to other issues: when one starts being emitted, its row must say so
        for (Entry e : catalogue) {
            if (!e.emitted()) {
                assertThat(names).as("%s is emitted now: mark it 'emitted' in docs/metrics.md", e.name())
                        .noneMatch(n -> n.equals(e.name()) || n.startsWith(e.name() + "_"));
            }
        }
    }

    @Test
    void providerCallsAreCountedByProviderOutcomeAndCostIsPerProvider() {
        given().when().get("/api/v1/market-data/ohlcv/ATW.CSE?interval=1d&from=2025-01-02&to=2025-02-01")
                .then().statusCode(200);
        String page = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(page)
                .containsPattern("(?m)^mde_provider_requests_seconds_count\\{[^}]*data_type=\"ohlcv\"[^}]*outcome=\"success\"[^}]*provider=\"simulator\"[^}]*} [1-9]")
                .containsPattern("(?m)^mde_provider_cost_today_usd\\{[^}]*provider=\"simulator\"[^}]*} 0\\.0")
                .containsPattern("(?m)^mde_data_staleness_seconds\\{[^}]*provider=\"simulator\"[^}]*} ")
                .containsPattern("(?m)^mde_symbol_master_listings(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/market-data/ohlcv/[^\"]*\"");
    }
}
