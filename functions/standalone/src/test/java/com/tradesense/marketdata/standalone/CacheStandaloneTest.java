package com.tradesense.marketdata.standalone;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Standalone default (no bar cache layers): the answer cache shows in the statistics and is dropped by DELETE. */
@QuarkusTest
class CacheStandaloneTest {
    static final String URL = "/api/v1/market-data/ohlcv/NVDA?interval=1d&from=2025-01-02&to=2025-03-01";
    static final String FUNDAMENTALS = "/api/v1/market-data/fundamentals/NVDA";

    @Test
    void manualInvalidationDropsTheCachedAnswers() {
        given().when().get(URL).then().statusCode(200).body("source.cache", is("none"));
        given().when().get(URL).then().statusCode(200).body("source.cache", is("local"));
        given().when().get(FUNDAMENTALS).then().statusCode(200).body("source.cache", is("none"));
        given().when().get(FUNDAMENTALS).then().statusCode(200).body("source.cache", is("local"));
        given().when().get("/api/v1/cache/statistics").then().statusCode(200)
                .body("layers", hasSize(0))
                .body("answers.dataType", hasItems("ohlcv", "fundamentals", "corporate_actions", "economic", "news"))
                .body("answers.find { it.dataType == 'ohlcv' }.layer", is("local"))
                .body("answers.find { it.dataType == 'ohlcv' }.hits", greaterThanOrEqualTo(1))
                .body("answers.find { it.dataType == 'ohlcv' }.entries", greaterThanOrEqualTo(1))
                .body("answers.find { it.dataType == 'ohlcv' }.memoryBytes", greaterThan(1000))
                .body("answers.find { it.dataType == 'fundamentals' }.hits", greaterThanOrEqualTo(1));
        given().queryParam("symbol", "NVDA").when().delete("/api/v1/cache").then().statusCode(200).body("symbol", is("NVDA"));
        given().when().get(URL).then().statusCode(200).body("source.cache", is("none"));
        given().when().get(FUNDAMENTALS).then().statusCode(200).body("source.cache", is("none"));
    }
}
