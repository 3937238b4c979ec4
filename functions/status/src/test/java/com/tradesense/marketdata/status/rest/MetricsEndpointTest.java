package com.tradesense.marketdata.status.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The status function on its own serves Prometheus metrics (docs/metrics.md). */
@QuarkusTest
class MetricsEndpointTest {
    @Test
    void httpServerAndReferenceDataMetricsAreOnTheMetricsPage() {
        given().when().get("/api/v1/markets/NYSE/status").then().statusCode(200);
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"),
                        containsString("uri=\"/api/v1/markets/{market}/status\""),
                        matchesPattern("(?s).*\\nmde_symbol_master_listings(\\{[^}]*})? [1-9].*"));
    }
}
