package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class ResearchOpenApiTest {

    @Test
    void fundamentalsEconomicIndicatorsAndNewsAreDescribedWithExamples() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/v1/economic-indicators/{country}/{indicator}", "/api/v1/news"))
                .body("paths.find { it.key.startsWith('/api/v1/market-data/fundamentals/') }.value.get.responses.'200'.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/economic-indicators/{country}/{indicator}'.get.responses.'200'.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/economic-indicators/{country}/{indicator}'.get.responses.keySet()", hasItems("400", "404", "503"))
                .body("paths.'/api/v1/news'.get.parameters.name", hasItems("symbols", "from", "limit"))
                .body("paths.'/api/v1/news'.get.responses.'200'.content.'application/json'.examples", notNullValue());
    }
}
