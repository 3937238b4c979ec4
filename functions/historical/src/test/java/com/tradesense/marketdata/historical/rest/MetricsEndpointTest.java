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
        // a week no other test asks for (the answer cache and the shared Redis layer may hold the others, and an
        // answer from the answer cache reaches neither a provider nor the staleness gauge): a provider is called
        java.time.LocalDate from = java.time.LocalDate.of(2005, 1, 3).plusWeeks(java.util.concurrent.ThreadLocalRandom.current().nextInt(700));
        given().when().get("/api/v1/market-data/ohlcv/MSFT?interval=1d&adjustment=raw&from=" + from + "&to=" + from.plusDays(7))
                .then().statusCode(200);
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .body(containsString("mde_provider_requests_seconds_count{"),
                        containsString("mde_provider_requests_seconds_bucket{"),
                        containsString("mde_data_staleness_seconds{"),
                        containsString("mde_provider_cost_today_usd{"),
                        containsString("http_server_requests_seconds_count{"));
    }
}
