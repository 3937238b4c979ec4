package com.tradesense.marketdata.status.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Standalone default: no bar cache layers configured; the endpoints still answer, and bad input is a problem. */
@QuarkusTest
class CacheResourceTest {

    @Test
    void statisticsWithoutLayersListNoneAndTheTtlPolicy() {
        given().when().get("/api/v1/cache/statistics").then().statusCode(200)
                .contentType("application/json")
                .body("layers", hasSize(0))
                .body("ttl.quotes", is("PT1S"))
                .body("ttl.ohlcv_intraday_open_month", is("PT5M"))
                .body("ttl.ohlcv_daily_open_month", is("PT1H"))
                .body("ttl.ohlcv_closed_month", is("PT720H"))
                .body("ttl.fundamentals", is("PT24H"))
                .body("ttl.corporate_actions", is("PT1H")).body("ttl.economic", is("PT6H")).body("ttl.news", is("PT1M"));
    }

    @Test
    void readinessSaysNoLayers() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'cache' }.status", is("UP"))
                .body("checks.find { it.name == 'cache' }.data.layers", is("none"))
                .body("checks.find { it.name == 'cache' }.data.degraded", is(false));
    }

    @Test
    void invalidatingAKnownSymbolAnswersWhatWasDropped() {
        given().queryParam("symbol", "AAPL").queryParam("dataType", "ohlcv").when().delete("/api/v1/cache").then().statusCode(200)
                .body("symbol", is("AAPL")).body("dataType", is("ohlcv")).body("dropped", is(0)).body("layers", hasSize(0));
        given().queryParam("symbol", "AAPL").queryParam("dataType", "Fundamentals").when().delete("/api/v1/cache").then().statusCode(200)
                .body("dataType", is("fundamentals"));
    }

    @Test
    void badInputIsAProblem() {
        given().when().delete("/api/v1/cache").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("symbol"));
        given().queryParam("symbol", "AAPL").queryParam("dataType", "quotes").when().delete("/api/v1/cache").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("ohlcv"));
        given().queryParam("symbol", "NOPE.XX").when().delete("/api/v1/cache").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
