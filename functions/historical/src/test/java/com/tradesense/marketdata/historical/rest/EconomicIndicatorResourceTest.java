package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class EconomicIndicatorResourceTest {
    private static final String PATH = "/api/v1/economic-indicators/";

    @ParameterizedTest
    @CsvSource({
            "US, gdp, quarterly", "US, inflation, monthly", "US, unemployment, monthly", "US, policy-rate, irregular",
            "MA, gdp, quarterly", "MA, inflation, monthly", "MA, unemployment, quarterly", "MA, policy-rate, irregular",
    })
    void everySeriesHasUnitFrequencyObservationsAndProvenance(String country, String indicator, String frequency) {
        given().when().get(PATH + country.toLowerCase() + "/" + indicator)
                .then().statusCode(200).contentType("application/json")
                .body("country", is(country)).body("indicator", is(indicator))
                .body("unit", is("percent")).body("frequency", is(frequency))
                .body("title", notNullValue())
                .body("observations.size()", greaterThan(10))
                .body("observations[0].date", startsWith("2000-"))
                .body("source.provider", is("simulator")).body("source.cache", anyOf(is("none"), is("local"))) // local: asked before in this JVM
                .body("source.stale", is(false)).body("source.asOf", notNullValue());
    }

    @Test
    void fedPathLooksLikeTheFeds() {
        List<Float> values = given().queryParam("from", "2009-01-01").queryParam("to", "2015-11-30")
                .when().get(PATH + "US/policy-rate")
                .then().statusCode(200).extract().jsonPath().getList("observations.value", Float.class);
        assertThat(values).containsExactly(0.25f); // zero lower bound all along: the decision in force at `from`
        given().queryParam("from", "2024-01-01").queryParam("to", "2024-12-31")
                .when().get(PATH + "us/POLICY-RATE")
                .then().statusCode(200)
                .body("observations.date", contains("2023-07-26", "2024-09-18", "2024-11-07", "2024-12-18"))
                .body("observations.value", contains(5.5f, 5.0f, 4.75f, 4.5f));
    }

    @Test
    void bankAlMaghribRateStaysInItsRange() {
        List<Float> values = given().queryParam("from", "2010-01-01")
                .when().get(PATH + "MA/policy-rate").then().statusCode(200)
                .extract().jsonPath().getList("observations.value", Float.class);
        assertThat(values).allSatisfy(v -> assertThat(v).isBetween(1.0f, 4.0f));
    }

    @Test
    void observationsAreOldestFirstWithinTheRangeAndNotInTheFuture() {
        List<String> dates = given().queryParam("from", "2020-03-15").queryParam("to", "2021-03-01")
                .when().get(PATH + "US/inflation").then().statusCode(200)
                .extract().jsonPath().getList("observations.date", String.class);
        assertThat(dates).first().isEqualTo("2020-04-01");
        assertThat(dates).last().isEqualTo("2021-03-01");
        assertThat(dates).isSorted().hasSize(12);
        List<String> recent = given().when().get(PATH + "US/inflation").then().statusCode(200)
                .extract().jsonPath().getList("observations.date", String.class);
        assertThat(LocalDate.parse(recent.get(recent.size() - 1))).isBefore(LocalDate.now());
    }

    @Test
    void rangesWithoutDataAreEmptyNotErrors() {
        given().queryParam("from", "1990-01-01").queryParam("to", "1995-01-01")
                .when().get(PATH + "MA/gdp").then().statusCode(200).body("observations", hasSize(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            PATH + "FR/gdp|404|country",
            PATH + "USA/gdp|404|country",
            PATH + "%3Cscript%3E/gdp|404|country",
            PATH + "US/gdpx|404|indicator",
            PATH + "US/cpi|404|indicator",
            PATH + "MA/%00|404|indicator",
            PATH + "US/gdp?from=2020-02-30|400|from",
            PATH + "US/gdp?from=2020-1-1|400|from",
            PATH + "US/gdp?from=2020-01-01T00:00:00Z|400|from",
            PATH + "US/gdp?to=yesterday|400|to",
            PATH + "US/gdp?from=2021-01-01&to=2020-01-01|400|from",
            PATH + "US/gdp?to=1999-01-01|400|to",
            PATH + "US/gdp?from=%27%20OR%201=1--|400|from",
    })
    void badParametersAreProblemsNamingTheParameter(String url, int status, String parameter) {
        given().urlEncodingEnabled(false).when().get(url)
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", is(status))
                .body("parameter", is(parameter))
                .body("detail", not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void oversizedInputIsRefusedCleanly() {
        given().when().get(PATH + "U".repeat(3000) + "/gdp")
                .then().statusCode(404).contentType("application/problem+json").body("parameter", is("country"))
                .body("detail.length()", lessThan(200));
        given().when().get(PATH + "US/" + "g".repeat(3000))
                .then().statusCode(404).contentType("application/problem+json").body("parameter", is("indicator"));
        given().queryParam("from", "2".repeat(5000)).when().get(PATH + "US/gdp")
                .then().statusCode(400).body("parameter", is("from"));
    }
}
