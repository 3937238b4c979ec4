package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** With the simulator off and no real provider configured, every research endpoint is a 503 problem, never a 500. */
@QuarkusTest
@TestProfile(ResearchWithoutProvidersTest.SimulatorOff.class)
class ResearchWithoutProvidersTest {

    public static class SimulatorOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mde.simulator.mode", "off");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/market-data/fundamentals/AAPL", "/api/v1/economic-indicators/US/gdp",
            "/api/v1/news?symbols=AAPL", "/api/v1/news"})
    void noProviderIsA503WithRetryAfter(String url) {
        given().urlEncodingEnabled(false).when().get(url)
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", is("/problems/service-unavailable"))
                .body("status", is(503));
    }
}
