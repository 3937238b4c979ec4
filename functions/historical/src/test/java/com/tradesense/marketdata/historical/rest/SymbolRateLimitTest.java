package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Per client and symbol: the symbol is read from the market-data path (currency pairs included). */
@QuarkusTest
@TestProfile(SymbolRateLimitTest.SmallSymbolLimit.class)
class SymbolRateLimitTest {

    public static class SmallSymbolLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mde.ratelimit.inbound.symbol", "2/1m sliding");
        }
    }

    @Test
    void aClientMayAskForOneSymbolOnlySoOftenButOtherSymbolsAndClientsAreFree() {
        String key = "sym-" + UUID.randomUUID();
        String path = "/api/v1/market-data/ohlcv/USD/MAD?interval=1d&from=2025-01-02&to=2025-01-10";
        for (int i = 0; i < 2; i++) {
            given().header("X-API-Key", key).when().get(path).then().statusCode(200)
                    .header("RateLimit-Limit", "2").header("RateLimit-Remaining", String.valueOf(1 - i));
        }
        given().header("X-API-Key", key).when().get("/api/v1/market-data/ohlcv/usd/mad?interval=1d&from=2025-01-02&to=2025-01-10")
                .then().statusCode(429)
                .body("detail", containsString("for one symbol"));
        given().header("X-API-Key", key).when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-01-10")
                .then().statusCode(200);
        given().header("X-API-Key", key + "-other").when().get(path).then().statusCode(200);
    }
}
