package com.tradesense.marketdata.realtime.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** With the raw path off, the stream still works, through sendText, and the metric says which path is used. */
@QuarkusTest
@TestProfile(SendTextWriterTest.RawWriterOff.class)
class SendTextWriterTest {
    public static class RawWriterOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mde.stream.raw-writer", "false");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    StreamSessions sessions;

    @Test
    void framesFlowInSequenceThroughSendText() throws Exception {
        try (WsClient c = new WsClient(base)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}");
            c.nextOfType("subscribed");
            assertThat(sessions.size()).isPositive();
            assertThat(sessions.writingToChannel()).as("nobody on the raw path").isZero();
            JsonNode first = c.next(m -> "AAPL".equals(m.path("symbol").asText()) && m.has("seq"));
            assertThat(first.path("type").asText()).isEqualTo("snapshot");
            long seq = first.path("seq").asLong();
            for (int i = 0; i < 5; i++) {
                JsonNode u = c.next(m -> "AAPL".equals(m.path("symbol").asText()) && m.has("seq"));
                assertThat(u.path("seq").asLong()).isEqualTo(++seq);
            }
        }
        String page = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(StreamMetricsScrapeTest.value(page, "mde_stream_raw_writer")).isZero();
    }
}
