package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.aggregate.RouterHealth;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class DataQualityResourceTest {
    @Inject
    RouterHealth health;

    @Test
    void reportsWhatTheValidatorMadeOfEachProvidersBarsAndWhatIsNotMeasured() {
        health.barsCleaned("simulator", 100, 1, 2);
        given().when().get("/api/v1/data-quality/report")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("scope", equalTo("process"))
                .body("notMeasured", hasItem(containsString("accuracy")))
                .body("providers.provider", hasItem("simulator"))
                .body("providers.find { it.provider == 'simulator' }.dataType", equalTo("ohlcv"))
                .body("providers.find { it.provider == 'simulator' }.barsReceived", greaterThanOrEqualTo(100))
                .body("providers.find { it.provider == 'simulator' }.barsDropped", greaterThanOrEqualTo(2))
                .body("providers.find { it.provider == 'simulator' }.dropRate", notNullValue());
    }
}
