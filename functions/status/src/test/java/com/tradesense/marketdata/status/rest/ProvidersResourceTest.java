package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import com.tradesense.marketdata.telemetry.ProviderCallOutcome;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class ProvidersResourceTest {
    @Inject
    RouterHealth health;
    @Inject
    MarketDataService marketData;

    @Test
    void withoutKeysOnlyTheSimulatorIsEnabledAndVendorsAreDisabled() {
        given().when().get("/api/v1/providers/status")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("scope", equalTo("process"))
                .body("qualityFormula", containsString("errorRate"))
                .body("circuitBreaker.failureThreshold", equalTo(3))
                .body("providers.id", hasItems("simulator", "polygon", "twelve_data", "yahoo"))
                .body("providers.find { it.id == 'simulator' }.enabled", equalTo(true))
                .body("providers.find { it.id == 'simulator' }.simulated", equalTo(true))
                .body("providers.find { it.id == 'simulator' }.dataTypes", hasItem("ohlcv"))
                .body("providers.find { it.id == 'simulator' }.markets", hasItems("NYSE", "CSE"))
                .body("providers.find { it.id == 'polygon' }.state", equalTo("disabled"))
                .body("providers.find { it.id == 'polygon' }.credentialsRequired", equalTo(true))
                .body("providers.find { it.id == 'polygon' }.credentialsConfigured", equalTo(false))
                .body("providers.find { it.id == 'yahoo' }.credentialsRequired", equalTo(false))
                .body("providers.find { it.id == 'twelve_data' }.state", equalTo("disabled"));
    }

    @Test
    void liveFiguresComeFromTheRouter() {
        for (int i = 0; i < 4; i++) {
            health.record("simulator", 12_000_000L, ProviderCallOutcome.SUCCESS, null);
        }
        given().when().get("/api/v1/providers/status")
                .then().statusCode(200)
                .body("providers.find { it.id == 'simulator' }.state", equalTo("up"))
                .body("providers.find { it.id == 'simulator' }.circuit", equalTo("closed"))
                .body("providers.find { it.id == 'simulator' }.calls", greaterThanOrEqualTo(4))
                .body("providers.find { it.id == 'simulator' }.p50Ms", notNullValue())
                .body("providers.find { it.id == 'simulator' }.p99Ms", notNullValue())
                .body("providers.find { it.id == 'simulator' }.errorRate", notNullValue())
                .body("providers.find { it.id == 'simulator' }.lastSuccess", notNullValue())
                .body("providers.find { it.id == 'simulator' }.qualityScore", notNullValue())
                .body("providers.find { it.id == 'simulator' }.rateLimit.pausedByVendor", equalTo(false));
    }

    @Test
    void perDataTypeQualityFollowsTheTrafficTheRouterServes() {
        int before = given().when().get("/api/v1/providers/status").then().statusCode(200)
                .extract().path("providers.find { it.id == 'simulator' }.quality.ohlcv.calls") instanceof Integer n ? n : 0;
        marketData.ohlcv(OhlcvQuery.parse("MSFT", "1d", "raw", "2025-03-03", "2025-03-15", null, null));
        given().when().get("/api/v1/providers/status")
                .then().statusCode(200)
                .body("qualityWeights.latency", equalTo(0.3f))
                .body("qualityWeights.accuracy", equalTo(0.5f))
                .body("qualityWeights.completeness", equalTo(0.2f))
                .body("qualityFloor", equalTo(0.6f))
                .body("providers.find { it.id == 'simulator' }.quality.ohlcv.calls", greaterThan(before))
                .body("providers.find { it.id == 'simulator' }.quality.ohlcv.latency", notNullValue())
                .body("providers.find { it.id == 'simulator' }.quality.ohlcv.completeness", equalTo(1.0f))
                .body("providers.find { it.id == 'simulator' }.quality.ohlcv.score", notNullValue())
                .body("providers.find { it.id == 'simulator' }.retries", equalTo(0))
                .body("providers.find { it.id == 'simulator' }.bulkheadRejections", equalTo(0))
                .body("providers.find { it.id == 'simulator' }.usdPerCall", equalTo(0.0f))
                .body("providers.find { it.id == 'simulator' }.spendTodayUsd", equalTo(0.0f));
    }
}
