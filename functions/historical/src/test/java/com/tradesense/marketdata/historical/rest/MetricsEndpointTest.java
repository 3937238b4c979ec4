package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The historical function on its own serves Prometheus metrics, provider calls included (docs/metrics.md). */
@QuarkusTest
class MetricsEndpointTest {
    @Test
    void providerCallsAndHttpRequestsAreOnTheMetricsPage() {
        given().when().get("/api/v1/market-data/ohlcv/MSFT?interval=1d&from=2025-03-03&to=2025-03-10")
                .then().statusCode(200);
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .body(containsString("mde_provider_requests_seconds_count{"),
                        containsString("mde_provider_requests_seconds_bucket{"),
                        containsString("mde_data_staleness_seconds{"),
                        containsString("mde_provider_cost_today_usd{"),
                        containsString("http_server_requests_seconds_count{"));
    }
}
