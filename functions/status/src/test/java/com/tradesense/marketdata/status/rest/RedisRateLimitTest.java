package com.tradesense.marketdata.status.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The inbound filter's asynchronous path: counters in the test Redis ({@code MDE_TEST_REDIS_URL}). */
@QuarkusTest
@TestProfile(RedisRateLimitTest.WithRedis.class)
class RedisRateLimitTest {

    public static class WithRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = System.getenv("MDE_TEST_REDIS_URL");
            return Map.of(
                    "mde.ratelimit.redis-url", url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url,
                    // generous: a loaded test machine must not turn a slow answer into the local fallback
                    "mde.ratelimit.redis-timeout", "2s",
                    "mde.ratelimit.inbound.client", "4/1m sliding");
        }
    }

    @Test
    void limitsHoldThroughRedisAndReadinessSaysSo() {
        String key = "redis-test-" + UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            given().header("X-API-Key", key).when().get("/api/v1/markets/NYSE/status")
                    .then().statusCode(200)
                    .header("RateLimit-Limit", "4")
                    .header("RateLimit-Remaining", String.valueOf(3 - i));
        }
        given().header("X-API-Key", key).when().get("/api/v1/markets/NYSE/status")
                .then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("type", is("/problems/rate-limited"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'rate-limits' }.data.mode", is("redis"))
                .body("checks.find { it.name == 'rate-limits' }.data.degraded", is(false));
    }
}
