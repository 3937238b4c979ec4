package com.tradesense.marketdata.historical.rest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A vendor switched on by configuration properties alone (what a test profile, application.properties or
 * {@code -D} give; the environment variables are the same settings by MicroProfile Config's mapping): Polygon,
 * faked at the HTTP level with its documented aggregates payload, answers the function's OHLCV request.
 */
@QuarkusTest
@QuarkusTestResource(value = VendorFromConfigurationTest.FakePolygon.class, restrictToAnnotatedClass = true)
class VendorFromConfigurationTest {

    /** Polygon's {@code /v2/aggs} answer for two AAPL sessions (VENDORS.md section 4), and the requests it got. */
    public static class FakePolygon implements QuarkusTestResourceLifecycleManager {
        static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
        static final String AGGS = """
                {"ticker":"AAPL","queryCount":2,"resultsCount":2,"adjusted":false,
                 "results":[{"v":84882424.0,"vw":163.9536,"o":162.25,"c":162.88,"h":165.42,"l":161.72,"t":1650859200000,"n":733155},
                            {"v":95595226.0,"vw":158.6074,"o":162.25,"c":156.8,"h":162.34,"l":156.72,"t":1650945600000,"n":899965}],
                 "status":"OK","request_id":"5e5378d5ecaf3df794bb52e45d015d2e","count":2}""";
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                REQUESTS.add(exchange.getRequestURI().toString());
                String path = exchange.getRequestURI().getPath();
                byte[] body = (path.startsWith("/v2/aggs/ticker/AAPL/") ? AGGS : "{\"results\":[],\"status\":\"OK\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of("mde.provider.polygon.api-key", "cfg-test-key-0123",
                    "mde.provider.polygon.base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "mde.simulator.mode", "off",
                    "mde.history.response-cache.enabled", "false");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @Test
    void polygonSwitchedOnByPropertiesServesTheBars() {
        given().when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&adjustment=raw&from=2022-04-25&to=2022-04-27")
                .then().statusCode(200)
                .body("source.provider", equalTo("polygon"))
                .body("bars", hasSize(2))
                .body("bars[0].c", equalTo(162.88f));
        assertThat(FakePolygon.REQUESTS).anySatisfy(r -> assertThat(r).startsWith("/v2/aggs/ticker/AAPL/range/1/day/")
                .contains("cfg-test-key-0123"));
    }
}
