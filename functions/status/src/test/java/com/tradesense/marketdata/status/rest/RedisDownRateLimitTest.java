package com.tradesense.marketdata.status.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Redis configured but unreachable: requests are still served, at this pod's share, and readiness says degraded (UP). */
@QuarkusTest
@TestProfile(RedisDownRateLimitTest.DeadRedis.class)
class RedisDownRateLimitTest {

    public static class DeadRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mde.ratelimit.redis-url", "redis://127.0.0.1:1",
                    "mde.ratelimit.redis-timeout", "300ms",
                    "mde.ratelimit.pods", "2",
                    "mde.ratelimit.inbound.client", "6/1m sliding");
        }
    }

    @Test
    void limitsFallBackToThePodsShareAndReadinessIsDegradedButUp() {
        String key = "dead-redis-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", key).when().get("/api/v1/markets/CSE/status")
                    .then().statusCode(200).header("RateLimit-Limit", "3");
        }
        given().header("X-API-Key", key).when().get("/api/v1/markets/CSE/status").then().statusCode(429);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'rate-limits' }.status", is("UP"))
                .body("checks.find { it.name == 'rate-limits' }.data.mode", is("local_fallback"))
                .body("checks.find { it.name == 'rate-limits' }.data.degraded", is(true));
    }
}
