package com.tradesense.marketdata.standalone;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The one-process engine: every function's endpoints, health, OpenAPI, and problems for everything else. */
@QuarkusTest
class StandaloneTest {

    @Test
    void servesEveryFunctionAndIsReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().when().get("/api/v1/markets").then().statusCode(200);
        given().when().get("/api/v1/market-data/ohlcv/AAPL").then().statusCode(200);
    }

    @Test
    void openApiDescribesTheEndpointsWithExamples() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/v1/markets", "/api/v1/markets/{market}/status",
                        "/api/v1/markets/{market}/holidays", "/api/v1/markets/{market}/symbols"))
                .body("paths.find { it.key.startsWith('/api/v1/market-data/ohlcv/') }", notNullValue())
                .body("paths.'/api/v1/markets/{market}/status'.get.responses.'200'.content.'application/json'.examples", notNullValue());
    }

    @Test
    void unknownRoutesAreProblems() {
        for (String path : new String[]{"/api/v1/no-such-thing", "/nothing/here", "/api/v2/markets", "/q/nope"}) {
            given().when().get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", is(404)).body("title", notNullValue()).body("type", notNullValue());
        }
    }

    @Test
    void wrongMethodIsA405Problem() {
        given().body("{}").contentType("application/json").when().post("/api/v1/markets")
                .then().statusCode(405).contentType("application/problem+json").body("status", is(405));
        given().when().delete("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void unacceptableMediaTypeIsAProblemNotHtml() {
        given().accept("text/html").when().get("/api/v1/markets")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void oversizedBodiesAndHeadersAreRefused() {
        given().body("x".repeat(200_000)).contentType("application/json").when().post("/api/v1/markets")
                .then().statusCode(anyOf(is(405), is(413)));
        given().header("X-Junk", "y".repeat(20_000)).when().get("/api/v1/markets")
                .then().statusCode(anyOf(is(431), is(400), is(413)));
    }

    @Test
    void theBenchmarkBaselineIsOffUnlessAskedFor() {
        given().when().get("/api/v1/bench/constant").then().statusCode(404).contentType("application/problem+json");
    }
}
