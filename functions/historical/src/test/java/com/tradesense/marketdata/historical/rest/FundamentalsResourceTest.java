package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class FundamentalsResourceTest {
    private static final String PATH = "/api/v1/market-data/fundamentals/";

    @Test
    void anEquityHasProfileStatementsRatiosAndProvenance() {
        given().when().get(PATH + "aapl")
                .then().statusCode(200).contentType("application/json")
                .body("symbol", is("AAPL")).body("market", is("NASDAQ")).body("currency", is("USD"))
                .body("profile.name", is("Apple Inc."))
                .body("profile.sector", notNullValue()).body("profile.industry", notNullValue())
                .body("profile.country", is("US"))
                .body("statements.income", hasSize(6))
                .body("statements.balanceSheet", hasSize(6))
                .body("statements.cashFlow", hasSize(6))
                .body("statements.income.period", contains("quarterly", "quarterly", "quarterly", "quarterly", "annual", "annual"))
                .body("statements.income[4].fiscalPeriod", is("FY"))
                .body("statements.income[0].lineItems.keySet()", hasItems("revenue", "costOfRevenue", "grossProfit",
                        "operatingIncome", "netIncome", "epsDiluted"))
                .body("statements.balanceSheet[0].lineItems.keySet()", hasItems("totalAssets", "totalLiabilities", "totalEquity"))
                .body("statements.cashFlow[0].lineItems.keySet()", hasItems("operatingCashFlow", "capitalExpenditure", "freeCashFlow"))
                .body("ratios.keySet()", hasItems("priceToEarnings", "priceToBook", "dividendYield", "returnOnEquity",
                        "debtToEquity", "grossMargin", "operatingMargin", "netMargin", "basis"))
                .body("ratios.grossMargin", allOf(greaterThan(0f), lessThan(1f)))
                .body("source.provider", is("simulator")).body("source.cache", anyOf(is("none"), is("local"))) // local: asked before in this JVM
                .body("source.stale", is(false)).body("source.asOf", notNullValue());
    }

    @Test
    void marketCapIsPriceTimesSharesAndPlausible() {
        JsonPath json = given().when().get(PATH + "AAPL").then().statusCode(200).extract().jsonPath();
        double shares = ((Number) json.get("profile.sharesOutstanding")).doubleValue();
        double cap = ((Number) json.get("profile.marketCap")).doubleValue();
        double lastClose = given().queryParam("from", java.time.LocalDate.now().minusDays(10).toString())
                .queryParam("to", java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")).toString()) // before today
                .when().get("/api/v1/market-data/ohlcv/AAPL").then().statusCode(200)
                .extract().jsonPath().getDouble("bars[-1].c");
        assertThat(cap).isCloseTo(shares * lastClose, within(shares * 0.01));
        assertThat(cap).isBetween(1e11, 1e13); // a mega cap, as the most traded US share should be
    }

    @Test
    void statementsAreInternallyConsistentAndStable() {
        // parsed as doubles: as floats, totals in the hundreds of billions lose their units
        JsonPath first = given().when().get(PATH + "MSFT").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        JsonPath again = given().when().get(PATH + "msft").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(again.getMap("statements")).isEqualTo(first.getMap("statements"));

        Map<String, Number> bs = first.getMap("statements.balanceSheet[0].lineItems");
        assertThat(bs.get("totalAssets").doubleValue())
                .isCloseTo(bs.get("totalLiabilities").doubleValue() + bs.get("totalEquity").doubleValue(), within(1.0));
        Map<String, Number> inc = first.getMap("statements.income[0].lineItems");
        assertThat(inc.get("grossProfit").doubleValue())
                .isCloseTo(inc.get("revenue").doubleValue() - inc.get("costOfRevenue").doubleValue(), within(1.0));
        // a fiscal year's revenue is the sum of its quarters'
        double fy = first.getDouble("statements.income[4].lineItems.revenue");
        assertThat(fy).isGreaterThan(inc.get("revenue").doubleValue() * 3);
    }

    @Test
    void casablancaEquitiesAreInDirhams() {
        given().when().get(PATH + "ATW.CSE")
                .then().statusCode(200)
                .body("market", is("CSE")).body("currency", is("MAD")).body("profile.country", is("MA"));
    }

    @ParameterizedTest
    @CsvSource({"SPY, an ETF", "MASI.CSE, an index", "USD/MAD, a currency pair"})
    void onlyEquitiesHaveFundamentals(String symbol, String what) {
        given().urlEncodingEnabled(false).when().get(PATH + symbol)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", is("/problems/not-found"))
                .body("parameter", is("symbol"))
                .body("detail", allOf(containsString("equities only"), containsString(what)));
    }

    @Test
    void unknownSymbolIsA404NamingTheSymbol() {
        given().when().get(PATH + "ZZZZZ")
                .then().statusCode(404).contentType("application/problem+json")
                .body("parameter", is("symbol")).body("detail", containsString("ZZZZZ"));
    }

    @ParameterizedTest
    @CsvSource({
            PATH + "BRK-B",
            PATH + "ATW:CAS",
            PATH + "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            PATH + "AAPL%00",
            PATH + "AAPL%0d%0aSet-Cookie:x=1",
            PATH + "..%2F..%2Fetc%2Fpasswd",
            PATH + "'%20OR%201=1--",
    })
    void malformedSymbolsAre400Problems(String url) {
        given().urlEncodingEnabled(false).when().get(url)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", is("/problems/invalid-parameter"))
                .body("parameter", is("symbol"))
                .body(not(containsString("\tat ")));
    }

    @Test
    void oversizedSymbolIsRefusedCleanly() {
        given().when().get(PATH + "A".repeat(5000))
                .then().statusCode(400).contentType("application/problem+json").body("parameter", is("symbol"));
    }

    @Test
    void otherMethodsAreProblemsToo() {
        given().when().post(PATH + "AAPL").then().statusCode(405).contentType("application/problem+json");
    }
}
