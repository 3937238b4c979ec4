package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** Redis, Infinispan and PostgreSQL layers configured but unreachable from the start: the function starts, serves, and says so. */
@QuarkusTest
@TestProfile(CacheStoresDownTest.DeadStores.class)
class CacheStoresDownTest {

    public static class DeadStores implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mde.cache.redis-url", "redis://127.0.0.1:1",
                    "mde.cache.infinispan.hosts", "127.0.0.1:1",
                    "mde.cache.pg-url", "postgresql://postgres@127.0.0.1:1/test",
                    "mde.cache.timeout", "300ms",
                    "mde.cache.retry-interval", "1s");
        }
    }

    @Test
    void requestsAreServedByTheProviderAndReadinessNamesTheDegradedLayers() {
        for (String to : new String[]{"2025-02-01", "2025-02-02", "2025-02-03"}) {
            given().when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=" + to).then().statusCode(200)
                    .body("source.cache", is("none"));
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'cache' }.status", is("UP"))
                .body("checks.find { it.name == 'cache' }.data.layers", is("redis,infinispan,postgres"))
                .body("checks.find { it.name == 'cache' }.data.redis", is("degraded"))
                .body("checks.find { it.name == 'cache' }.data.infinispan", is("degraded"))
                .body("checks.find { it.name == 'cache' }.data.postgres", is("degraded"))
                .body("checks.find { it.name == 'cache' }.data.degraded", is(true));
    }
}
