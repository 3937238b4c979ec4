package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class TradesAndActionsResourceTest {

    @Test
    void tradesComeOldestFirstInsideTheSessionAndPageWithoutRepeats() {
        String from = "2025-03-04T14:30:00Z"; // 09:30 New York
        String to = "2025-03-04T14:32:00Z"; // two busy minutes: a few thousand prints
        Response all = given().queryParam("from", from).queryParam("to", to).queryParam("limit", 10000)
                .when().get("/api/v1/market-data/historical/AAPL");
        all.then().statusCode(200)
                .body("symbol", is("AAPL")).body("currency", is("USD"))
                .body("trades[0].keySet()", hasItems("t", "p", "s"))
                .body("trades[0].x", is("XNAS"))
                .body("source.provider", is("simulator"))
                .body("next", nullValue());
        List<Long> expected = all.jsonPath().getList("trades.t", Long.class);
        assertThat(expected).isSorted().hasSizeGreaterThan(50);

        List<Long> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var req = given().queryParam("limit", 333);
            req = next == null ? req.queryParam("from", from).queryParam("to", to) : req.queryParam("next", next);
            Response page = req.when().get("/api/v1/market-data/historical/AAPL");
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("trades.t", Long.class));
            next = page.jsonPath().getString("next");
        } while (next != null && ++pages < 1000);
        assertThat(paged).isEqualTo(expected);
    }

    @Test
    void minuteVolumesEqualTheirPrints() {
        long volume = given().queryParam("interval", "1m").queryParam("adjustment", "raw")
                .queryParam("from", "2025-03-04T14:30:00Z").queryParam("to", "2025-03-04T14:31:00Z")
                .when().get("/api/v1/market-data/ohlcv/AAPL").jsonPath().getLong("bars[0].v");
        List<Integer> sizes = given().queryParam("from", "2025-03-04T14:30:00Z").queryParam("to", "2025-03-04T14:31:00Z")
                .queryParam("limit", 10000)
                .when().get("/api/v1/market-data/historical/AAPL").jsonPath().getList("trades.s", Integer.class);
        assertThat(sizes.stream().mapToLong(Integer::longValue).sum()).isEqualTo(volume);
    }

    @Test
    void indicesHaveNoTrades() {
        given().queryParam("from", "2025-03-04").queryParam("to", "2025-03-05")
                .when().get("/api/v1/market-data/historical/MASI.CSE")
                .then().statusCode(200).body("trades", hasSize(0));
    }

    @Test
    void appleSplitsAreListedWithTheirRatioAndSource() {
        given().queryParam("from", "2000-01-01").queryParam("to", "2024-12-31")
                .when().get("/api/v1/market-data/corporate-actions/aapl")
                .then().statusCode(200)
                .body("symbol", is("AAPL"))
                .body("actions.findAll { it.type == 'split' }.exDate", contains("2000-06-21", "2005-02-28", "2014-06-09", "2020-08-31"))
                .body("actions.find { it.exDate == '2020-08-31' }.ratio", is(4.0f))
                .body("actions.find { it.type == 'split' }.source", is("simulator"))
                .body("source.provider", is("simulator"));
    }

    @Test
    void casablancaDividendsAreAnnualInDirhams() {
        Response r = given().queryParam("from", "2020-01-01").queryParam("to", "2024-12-31")
                .when().get("/api/v1/market-data/corporate-actions/ATW.CSE");
        r.then().statusCode(200);
        List<String> currencies = r.jsonPath().getList("actions.findAll { it.type == 'dividend' }.currency");
        List<String> exDates = r.jsonPath().getList("actions.findAll { it.type == 'dividend' }.exDate");
        if (!exDates.isEmpty()) { // 85% of Casablanca shares pay in the simulator; ATW's draw decides
            assertThat(currencies).containsOnly("MAD");
            assertThat(exDates).hasSize(5).allSatisfy(d -> assertThat(d).matches("20\\d\\d-0[67]-\\d\\d"));
        }
    }

    @Test
    void ohlcvSaysWhichAdjustmentAndThroughWhichAction() {
        given().queryParam("from", "2020-08-27").queryParam("to", "2020-09-02")
                .when().get("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(200)
                .body("adjustment", is("split"))
                .body("adjustedThrough", notNullValue())
                .body("session", is("regular"));
        given().queryParam("from", "2020-08-27").queryParam("to", "2020-09-02").queryParam("adjustment", "raw")
                .when().get("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(200).body("adjustment", is("raw")).body("adjustedThrough", nullValue());
    }

    @Test
    void extendedSessionAddsUsPreAndPostMarketBars() {
        String q = "/api/v1/market-data/ohlcv/AAPL?interval=1h&from=2025-03-04&to=2025-03-05";
        given().urlEncodingEnabled(false).when().get(q)
                .then().statusCode(200).body("bars", hasSize(7)).body("session", is("regular"));
        given().urlEncodingEnabled(false).when().get(q + "&session=extended")
                .then().statusCode(200).body("session", is("extended"))
                .body("bars.size()", greaterThan(7))
                .body("bars[0].t", lessThan(1741098600000L)); // before 09:30 New York
        given().when().get("/api/v1/market-data/ohlcv/ATW.CSE?interval=1h&from=2025-03-04&to=2025-03-05&session=extended")
                .then().statusCode(200).body("session", is("regular")); // Casablanca has no extended session
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/market-data/historical/AAPL?limit=0|limit|400",
            "/api/v1/market-data/historical/AAPL?limit=10001|limit|400",
            "/api/v1/market-data/historical/AAPL?from=2025-13-01|from|400",
            "/api/v1/market-data/historical/AAPL?from=2025-03-05&to=2025-03-04|from|400",
            "/api/v1/market-data/historical/AAPL?next=bm9wZQ|next|400",
            "/api/v1/market-data/historical/BRK-B|symbol|400",
            "/api/v1/market-data/historical/ZZZZZ|symbol|404",
            "/api/v1/market-data/corporate-actions/AAPL?from=2020-02-30|from|400",
            "/api/v1/market-data/corporate-actions/AAPL?from=2021-01-01&to=2020-01-01|from|400",
            "/api/v1/market-data/corporate-actions/AAPL?to=2020|to|400",
            "/api/v1/market-data/corporate-actions/%3Cscript%3E|symbol|400",
            "/api/v1/market-data/corporate-actions/ZZZZZ|symbol|404",
            "/api/v1/market-data/ohlcv/AAPL?session=overnight|session|400",
    })
    void badInputIsAProblemNamingTheParameter(String url, String parameter, int status) {
        given().urlEncodingEnabled(false).when().get(url)
                .then().statusCode(status).contentType("application/problem+json")
                .body("parameter", is(parameter)).body("status", is(status));
    }
}
