package com.tradesense.marketdata.realtime.ws;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The mde_stream_* metrics on /q/metrics of the running function, with a client streaming (docs/metrics.md). */
@QuarkusTest
class StreamMetricsScrapeTest {
    @TestHTTPResource("/")
    URI base;

    private static String scrape() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the one sample {@code name{labels...}} (labels in any order), or NaN when absent. */
    static double value(String page, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(page);
        while (m.find()) {
            String set = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String l : labels) {
                all &= set.contains(l);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    void aStreamingClientShowsUpInEveryStreamMetric() throws Exception {
        try (WsClient c = new WsClient(base)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
            c.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"AAPL\"]}");
            c.next(m -> "subscribed".equals(m.path("type").asText()) && "trades".equals(m.path("channel").asText()));
            // read while the connection is surely open (a test client on a loaded machine may later fall behind
            // and be closed as a slow consumer, which the counts below survive)
            String open = scrape();
            assertThat(value(open, "mde_stream_connections")).isGreaterThanOrEqualTo(1);
            assertThat(value(open, "mde_stream_raw_writer")).as("the raw path passed its self-test").isEqualTo(1);
            assertThat(value(open, "mde_stream_subscriptions", "channel=\"level1\"")).isGreaterThanOrEqualTo(2);
            assertThat(value(open, "mde_stream_subscriptions", "channel=\"trades\"")).isGreaterThanOrEqualTo(1);
            // at 100 updates/s per symbol (test profile), 1.5 s is a few hundred frames: many sampled ones,
            // and the staleness report (once a second) has run
            assertThat(c.during(Duration.ofMillis(1_500))).isNotEmpty();
            String page = scrape();
            assertThat(value(page, "mde_stream_messages_total", "channel=\"level1\"", "direction=\"in\"")).isPositive();
            assertThat(value(page, "mde_stream_messages_total", "channel=\"level1\"", "direction=\"out\"")).isPositive();
            assertThat(value(page, "mde_stream_delivery_latency_seconds_count", "channel=\"level1\"")).isPositive();
            assertThat(value(page, "mde_stream_delivery_latency_seconds_bucket", "channel=\"level1\"", "le=\"0.1\"")).isPositive();
            assertThat(value(page, "mde_stream_delivery_latency_seconds_max", "channel=\"level1\"")).isGreaterThanOrEqualTo(0);
            assertThat(value(page, "mde_stream_dropped_messages_total", "channel=\"level1\"", "reason=\"conflated\"")).isNotNaN();
            assertThat(value(page, "mde_stream_resnapshots_total", "channel=\"level2\"", "reason=\"lagging\"")).isNotNaN();
            assertThat(value(page, "mde_stream_slow_consumer_closes_total")).isNotNaN();
            assertThat(value(page, "mde_stream_bus_lag_seconds")).as("in-process bus").isZero();
            // the live data's age, as the engine's staleness gauge (the MdeDataStale alert is for live data)
            assertThat(value(page, "mde_data_staleness_seconds", "data_type=\"quotes\"", "provider=\"simulator\""))
                    .isBetween(0.0, 30.0);
        }
    }
}
