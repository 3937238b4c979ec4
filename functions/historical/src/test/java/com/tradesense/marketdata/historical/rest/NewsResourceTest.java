package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class NewsResourceTest {
    private static final String PATH = "/api/v1/news";

    @Test
    void storiesAboutASymbolNewestFirstWithProvenance() {
        JsonPath json = given().queryParam("symbols", "aapl").queryParam("limit", 20)
                .when().get(PATH)
                .then().statusCode(200).contentType("application/json")
                .body("symbols", contains("AAPL"))
                .body("items.size()", allOf(greaterThan(0), lessThanOrEqualTo(20)))
                .body("items[0].keySet()", hasItems("id", "t", "headline", "summary", "url", "symbols", "sources"))
                .body("items.symbols.flatten()", everyItem(is("AAPL")))
                .body("items.sources.flatten()", everyItem(is("simulator")))
                .body("items.url", everyItem(startsWith("https://news.example.com/")))
                .body("source.provider", is("simulator")).body("source.cache", is("none"))
                .body("source.stale", is(false)).body("source.asOf", notNullValue())
                .extract().jsonPath();
        List<Long> times = json.getList("items.t", Long.class);
        assertThat(times).isSortedAccordingTo(Collections.reverseOrder());
        assertThat(json.getList("items.id", String.class)).doesNotHaveDuplicates();
        assertThat(times.get(0)).isLessThanOrEqualTo(System.currentTimeMillis());
    }

    @Test
    void theSameQueryGivesTheSameStories() {
        String from = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString();
        List<String> a = given().queryParam("symbols", "MSFT,ATW.CSE").queryParam("from", from).when().get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        List<String> b = given().queryParam("symbols", "ATW.CSE,msft").queryParam("from", from).when().get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(a).isNotEmpty().isEqualTo(b);
    }

    @Test
    void fromAndLimitBoundTheFeed() {
        String from = Instant.now().minus(5, ChronoUnit.DAYS).toString();
        List<Long> times = given().queryParam("symbols", "AAPL,MSFT,NVDA,AMZN").queryParam("from", from).queryParam("limit", 1000)
                .when().get(PATH).then().statusCode(200).body("from", is(from))
                .extract().jsonPath().getList("items.t", Long.class);
        assertThat(times).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(Instant.parse(from).toEpochMilli()));
        given().queryParam("symbols", "AAPL,MSFT,NVDA,AMZN").queryParam("from", "2025-01-01").queryParam("limit", 3)
                .when().get(PATH).then().statusCode(200).body("items", hasSize(3));
        given().queryParam("symbols", "AAPL").queryParam("from", "2025-01-01").queryParam("limit", 1000)
                .when().get(PATH).then().statusCode(200).body("items.size()", allOf(greaterThan(50), lessThanOrEqualTo(1000)));
    }

    @Test
    void withoutSymbolsTheFeedIsMarketWide() {
        given().queryParam("from", "2025-09-01").queryParam("limit", 1000).when().get(PATH)
                .then().statusCode(200)
                .body("symbols", hasSize(0))
                .body("items.headline", hasItem(startsWith("Wall Street closes")))
                .body("items.headline", hasItem(startsWith("Casablanca Bourse")))
                .body("items.headline", hasItem(containsString("Federal Reserve cuts rates by 25 basis points to 4.00%-4.25%")));
    }

    @Test
    void currencyPairsAndIndicesHaveNewsToo() {
        given().queryParam("symbols", "USD/MAD,MASI.CSE").queryParam("from", "2026-01-01").queryParam("limit", 200)
                .when().get(PATH).then().statusCode(200)
                .body("symbols", contains("USD/MAD", "MASI.CSE"))
                .body("items.size()", greaterThan(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            PATH + "?symbols=BRK-B|400|symbols",
            PATH + "?symbols=AAPL,,MSFT|400|symbols",
            PATH + "?symbols=AAPL,|400|symbols",
            PATH + "?symbols=,|400|symbols",
            PATH + "?symbols=%3Cscript%3E|400|symbols",
            PATH + "?symbols=AAPL%00|400|symbols",
            PATH + "?symbols=AAPL%3BDROP%20TABLE|400|symbols",
            PATH + "?symbols=ZZZZZ|404|symbols",
            PATH + "?symbols=AAPL,ZZZZZ|404|symbols",
            PATH + "?from=2025-02-30|400|from",
            PATH + "?from=yesterday|400|from",
            PATH + "?from=2025-01-01T00:00:00|400|from",
            PATH + "?limit=0|400|limit",
            PATH + "?limit=1001|400|limit",
            PATH + "?limit=-5|400|limit",
            PATH + "?limit=1e3|400|limit",
            PATH + "?limit=99999999999999999999|400|limit",
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
    void moreThanFiftySymbolsIsRefused() {
        String fifty = String.join(",", Collections.nCopies(50, "AAPL"));
        given().queryParam("symbols", fifty).when().get(PATH).then().statusCode(200).body("symbols", contains("AAPL"));
        String many = String.join(",", Collections.nCopies(51, "MSFT"));
        given().queryParam("symbols", many).when().get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", is("symbols")).body("detail", containsString("50"));
    }

    @Test
    void theLargestRequestStaysQuick() {
        // 50 quiet instruments (FX pairs and indices) over 10 years: the simulator's longest walk
        List<String> symbols = new java.util.ArrayList<>(List.of("USD/MAD", "EUR/MAD", "GBP/MAD", "CHF/MAD", "JPY/MAD",
                "MASI.CSE", "MSI20.CSE", "MASIMS.CSE", "SPY", "QQQ", "DIA"));
        List<String> stocks = given().queryParam("symbols", "AAPL").queryParam("limit", 1).when().get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("symbols", String.class);
        assertThat(stocks).containsExactly("AAPL");
        for (String s : List.of("MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "MA", "UNH", "HD", "PG", "KO",
                "PEP", "XOM", "CVX", "ABBV", "MRK", "LLY", "COST", "WMT", "BAC", "WFC", "CSCO", "ORCL", "INTC", "AMD", "QCOM",
                "TXN", "IBM", "ADBE", "CRM", "NFLX", "DIS", "NKE", "MCD", "T", "VZ", "PFE")) {
            symbols.add(s);
        }
        long start = System.nanoTime();
        given().queryParam("symbols", String.join(",", symbols)).queryParam("from", "2000-01-01").queryParam("limit", 1000)
                .when().get(PATH).then().statusCode(200).body("items", hasSize(1000));
        // a guard against a pathological walk, not a benchmark: warm, this is ~0.1-0.3 s on 2 shared cores
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
    }

    @Test
    void oversizedInputIsRefusedCleanly() {
        given().queryParam("symbols", "A".repeat(8000)).when().get(PATH)
                .then().statusCode(400).contentType("application/problem+json").body("parameter", is("symbols"));
        given().queryParam("from", "2".repeat(5000)).when().get(PATH)
                .then().statusCode(400).body("parameter", is("from"));
    }
}
