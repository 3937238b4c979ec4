package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class OhlcvResourceTest {

    @Test
    void dailyBarsCarryTheEnvelopeAndProvenance() {
        given().queryParam("from", "2025-01-02").queryParam("to", "2025-02-01")
                .when().get("/api/v1/market-data/ohlcv/aapl")
                .then().statusCode(200)
                .contentType("application/json")
                .body("symbol", is("AAPL"))
                .body("market", is("NASDAQ"))
                .body("currency", is("USD"))
                .body("timezone", is("America/New_York"))
                .body("interval", is("1d"))
                .body("adjustment", is("split"))
                .body("bars", hasSize(20)) // NYSE sessions 2 Jan - 31 Jan 2025 (9 Jan closed for President Carter)
                .body("bars[0].t", is(1735828200000L)) // 2025-01-02 09:30 New York
                .body("bars[0].keySet()", hasItems("t", "o", "h", "l", "c", "v", "n", "vw"))
                .body("source.provider", is("simulator"))
                .body("source.cache", is("none"))
                .body("source.stale", is(false))
                .body("source.asOf", notNullValue())
                .body("next", nullValue());
    }

    @Test
    void defaultRangeIsTheLastThirtySessions() {
        given().when().get("/api/v1/market-data/ohlcv/SPY")
                .then().statusCode(200)
                .body("bars.size()", allOf(greaterThanOrEqualTo(29), lessThanOrEqualTo(30)));
    }

    @Test
    void casablancaIndexAndCurrencyPairsAreServedInTheirCurrencyAndZone() {
        given().queryParam("from", "2025-01-02").queryParam("to", "2025-01-10")
                .when().get("/api/v1/market-data/ohlcv/masi.cse")
                .then().statusCode(200)
                .body("market", is("CSE")).body("currency", is("MAD")).body("timezone", is("Africa/Casablanca"))
                .body("bars[0].v", is(0)).body("bars[0]", not(hasKey("n")));
        given().queryParam("from", "2025-01-02").queryParam("to", "2025-01-10")
                .when().get("/api/v1/market-data/ohlcv/USD/MAD")
                .then().statusCode(200).body("symbol", is("USD/MAD")).body("market", is("FX"));
        given().urlEncodingEnabled(false)
                .when().get("/api/v1/market-data/ohlcv/eur%2Fmad?from=2025-01-02&to=2025-01-10")
                .then().statusCode(200).body("symbol", is("EUR/MAD"));
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        String path = "/api/v1/market-data/ohlcv/MSFT";
        Response first = given().queryParam("interval", "1h").queryParam("from", "2025-03-03").queryParam("to", "2025-03-15")
                .queryParam("limit", 20).when().get(path);
        first.then().statusCode(200).body("bars", hasSize(20)).body("next", notNullValue());
        Response all = given().queryParam("interval", "1h").queryParam("from", "2025-03-03").queryParam("to", "2025-03-15")
                .when().get(path);
        List<Long> expected = all.jsonPath().getList("bars.t", Long.class);

        List<Long> paged = new java.util.ArrayList<>(first.jsonPath().getList("bars.t", Long.class));
        String next = first.jsonPath().getString("next");
        while (next != null) {
            Response page = given().queryParam("interval", "1h").queryParam("limit", 20).queryParam("next", next).when().get(path);
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("bars.t", Long.class));
            next = page.jsonPath().getString("next");
        }
        assertThat(paged).isEqualTo(expected);
        assertThat(paged).doesNotHaveDuplicates();
        assertThat(expected).hasSize(70); // 10 sessions of 7 hourly bars
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/market-data/ohlcv/AAPL?interval=7x|interval",
            "/api/v1/market-data/ohlcv/AAPL?interval=|",
            "/api/v1/market-data/ohlcv/AAPL?adjustment=maybe|adjustment",
            "/api/v1/market-data/ohlcv/AAPL?from=2025-02-30|from",
            "/api/v1/market-data/ohlcv/AAPL?from=2025-03-01&to=2025-02-01|from",
            "/api/v1/market-data/ohlcv/AAPL?to=tomorrow|to",
            "/api/v1/market-data/ohlcv/AAPL?limit=0|limit",
            "/api/v1/market-data/ohlcv/AAPL?limit=10001|limit",
            "/api/v1/market-data/ohlcv/AAPL?limit=1e3|limit",
            "/api/v1/market-data/ohlcv/AAPL?next=garbage|next",
            "/api/v1/market-data/ohlcv/BRK-B|symbol",
            "/api/v1/market-data/ohlcv/ATW:CAS|symbol",
            "/api/v1/market-data/ohlcv/%3Cscript%3E|symbol",
            "/api/v1/market-data/ohlcv/AAPL%00|symbol",
    })
    void badParametersAreProblemsNamingTheParameter(String url, String parameter) {
        if (parameter == null) { // an empty interval means the default
            given().urlEncodingEnabled(false).when().get(url).then().statusCode(200);
            return;
        }
        given().urlEncodingEnabled(false).when().get(url)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("/problems/invalid-parameter"))
                .body("title", notNullValue())
                .body("status", is(400))
                .body("parameter", is(parameter))
                .body("detail", not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void unknownSymbolIsA404Problem() {
        given().when().get("/api/v1/market-data/ohlcv/ZZZZZ")
                .then().statusCode(404).contentType("application/problem+json")
                .body("parameter", is("symbol")).body("detail", containsString("ZZZZZ"));
    }

    @Test
    void oversizedInputIsRefusedCleanly() {
        given().when().get("/api/v1/market-data/ohlcv/" + "A".repeat(5000))
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("from", "2".repeat(5000)).when().get("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(400).contentType("application/problem+json").body("parameter", is("from"));
        given().queryParam("next", "x".repeat(4000)).when().get("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(400).body("parameter", is("next"));
    }

    @Test
    void aCursorOnlyContinuesItsOwnQuery() {
        String next = given().queryParam("interval", "1h").queryParam("from", "2025-03-03").queryParam("to", "2025-03-15")
                .queryParam("limit", 5).when().get("/api/v1/market-data/ohlcv/MSFT").jsonPath().getString("next");
        given().queryParam("interval", "1h").queryParam("next", next).when().get("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(400).body("parameter", is("next"));
    }

    @Test
    void rangesOutsideTheCalendarsAreEmptyNotErrors() {
        given().queryParam("from", "1990-01-01").queryParam("to", "1990-02-01")
                .when().get("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(200).body("bars", hasSize(0));
    }

    @Test
    void aRepeatedQueryIsServedFromTheLocalLayerAndSaysSo() {
        String url = "/api/v1/market-data/ohlcv/KO?from=2023-01-01&to=2024-01-01";
        given().urlEncodingEnabled(false).when().get(url).then().statusCode(200).body("source.cache", is("none"));
        given().urlEncodingEnabled(false).when().get(url).then().statusCode(200).body("source.cache", is("local"))
                .body("bars", hasSize(250));
        // the same query spelled differently is the same entry
        given().urlEncodingEnabled(false).when().get(url.replace("KO", "ko") + "&interval=1d&adjustment=split")
                .then().statusCode(200).body("source.cache", is("local"));
    }

    @Test
    void gzipIsHonoured() {
        given().header("Accept-Encoding", "gzip").queryParam("from", "2024-01-01").queryParam("to", "2025-01-01")
                .when().get("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(200).header("Content-Encoding", "gzip").body("bars", hasSize(252));
    }
}
