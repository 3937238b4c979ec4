package com.tradesense.marketdata.status.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** The inbound limits over HTTP, with limits small enough to reach (one client 5/min, one market 8/min). */
@QuarkusTest
@TestProfile(InboundRateLimitTest.SmallLimits.class)
class InboundRateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mde.ratelimit.inbound.client", "5/1m",
                    "mde.ratelimit.inbound.market", "8/1m sliding");
        }
    }

    @Test
    void everyResponseSaysTheLimitAndTheSixthRequestOfAMinuteIsA429Problem() {
        String key = "test-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            // the 2x-for-30s burst of 5/1m is 5: all at once
            given().header("X-API-Key", key).when().get("/api/v1/markets")
                    .then().statusCode(200)
                    .header("RateLimit-Limit", "5")
                    .header("RateLimit-Remaining", String.valueOf(4 - i))
                    .header("RateLimit-Reset", matchesPattern("\\d+"));
        }
        given().header("X-API-Key", key).when().get("/api/v1/markets")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9]|1[0-2]"))  // one permit every 60/5 s: at most 12
                .header("RateLimit-Remaining", "0")
                .body("type", is("/problems/rate-limited"))
                .body("status", is(429))
                .body("detail", containsString("5/1m requests per client"))
                .body("instance", is("/api/v1/markets"));
        // another client is not affected
        given().header("X-API-Key", key + "-other").when().get("/api/v1/markets").then().statusCode(200);
    }

    @Test
    void errorsCarryTheHeadersTooAndOperationsPathsAreNotLimited() {
        String key = "test-" + UUID.randomUUID();
        given().header("X-API-Key", key).when().get("/api/v1/markets/NOPE/status")
                .then().statusCode(404).header("RateLimit-Limit", "5").header("RateLimit-Remaining", "4");
        given().header("X-API-Key", key).when().get("/api/v1/no-such-thing")
                .then().statusCode(404).header("RateLimit-Remaining", "3");
        Response health = given().when().get("/q/health/ready");
        assertThat(health.getHeader("RateLimit-Limit")).isNull();
        health.then().statusCode(200)
                .body("checks.find { it.name == 'rate-limits' }.status", is("UP"))
                .body("checks.find { it.name == 'rate-limits' }.data.mode", is("local"));
    }

    @Test
    void aMarketsLimitCountsAllClientsTogether() {
        String run = UUID.randomUUID().toString();
        int ok = 0;
        int limited = 0;
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 3; i++) {
                int status = given().header("X-API-Key", run + "-" + c).when().get("/api/v1/markets/AMEX/status").statusCode();
                if (status == 200) {
                    ok++;
                } else {
                    assertThat(status).isEqualTo(429);
                    limited++;
                }
            }
        }
        assertThat(ok).isEqualTo(8);
        assertThat(limited).isEqualTo(4);
        given().header("X-API-Key", run + "-9").when().get("/api/v1/markets/AMEX/status")
                .then().statusCode(429).body("detail", containsString("for one market"));
        given().header("X-API-Key", run + "-9").when().get("/api/v1/markets/CSE/status").then().statusCode(200);
    }

    @Test
    void theOpenApiDescriptionDocumentsThe429AndTheHeaders() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/markets/{market}/status'.get.responses.'429'.headers", hasKey("Retry-After"))
                .body("paths.'/api/v1/markets/{market}/status'.get.responses.'200'.headers", hasKey("RateLimit-Remaining"))
                .body("paths.'/api/v1/markets'.get.responses.'429'.content", hasKey("application/problem+json"));
    }
}
