package com.tradesense.marketdata.status.rest;

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
class MarketsResourceTest {
    private static final String ISO_OFFSET = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})";

    @Test
    void listsTheSixMarketsWithMicZoneCurrencyAndSessions() {
        given().when().get("/api/v1/markets")
                .then().statusCode(200)
                .body("markets.market", contains("NYSE", "NASDAQ", "AMEX", "OTC", "CSE", "FX"))
                .body("markets.find { it.market == 'CSE' }.mic", is("XCAS"))
                .body("markets.find { it.market == 'CSE' }.timezone", is("Africa/Casablanca"))
                .body("markets.find { it.market == 'CSE' }.currency", is("MAD"))
                .body("markets.find { it.market == 'NYSE' }.sessions[0].phases.phase", hasItems("pre_market", "open", "post_market"))
                .body("markets.find { it.market == 'CSE' }.sessions.name", hasSize(greaterThanOrEqualTo(2)))
                .body("markets.find { it.market == 'FX' }.mic", nullValue())
                .body("markets.find { it.market == 'FX' }.timezone", is("UTC"));
    }

    @Test
    void nyseOnChristmasIsClosedForTheHolidayWithTheNextSession() {
        given().queryParam("at", "2026-12-25T15:00:00Z").when().get("/api/v1/markets/NYSE/status")
                .then().statusCode(200)
                .body("market", is("NYSE"))
                .body("status", is("closed"))
                .body("session", is("holiday"))
                .body("reason", containsString("Christmas"))
                .body("nextOpen", is("2026-12-28T09:30:00-05:00"))
                .body("nextClose", is("2026-12-28T16:00:00-05:00"))
                .body("localTime", is("2026-12-25T10:00:00-05:00"))
                .body("timezone", is("America/New_York"));
    }

    @ParameterizedTest
    @CsvSource({
            "NYSE, 2026-11-27T14:00:00-05:00, post_market, early_close",  // day after Thanksgiving closes at 13:00
            "nasdaq, 2026-03-09T08:00:00-04:00, pre_market, regular",     // first Monday of daylight saving time
            "XNYS, 2026-03-09T10:00:00-04:00, open, regular",
            "AMEX, 2026-07-03T12:00:00-04:00, closed, holiday",          // 4 July is a Saturday: observed Friday 3rd
            "OTC, 2026-11-28T12:00:00-05:00, closed, weekend",
            "FX, 2026-11-29T21:59:00Z, closed, weekend",                  // Sunday 16:59 New York
            "FX, 2026-11-29T22:00:00Z, open, regular",                    // Sunday 17:00 New York: the week opens
    })
    void statusAtAnInstant(String market, String at, String status, String session) {
        given().queryParam("at", at).when().get("/api/v1/markets/" + market + "/status")
                .then().statusCode(200)
                .body("status", is(status))
                .body("session", is(session))
                .body("nextOpen", matchesPattern(ISO_OFFSET))
                .body("nextClose", matchesPattern(ISO_OFFSET))
                .body("localTime", matchesPattern(ISO_OFFSET));
    }

    @Test
    void casablancaShowsItsOwnOffsetAndPhases() {
        given().queryParam("at", "2026-11-26T10:30:00Z").when().get("/api/v1/markets/CSE/status")
                .then().statusCode(200)
                .body("status", is("open"))
                .body("localTime", is("2026-11-26T11:30:00+01:00"))
                .body("timezone", is("Africa/Casablanca"));
        given().queryParam("at", "2026-11-18T10:30:00Z").when().get("/api/v1/markets/CSE/status")
                .then().statusCode(200).body("status", is("closed")).body("session", is("holiday"))
                .body("reason", notNullValue());
    }

    @Test
    void holidaysByYearAndByRange() {
        given().queryParam("year", 2026).when().get("/api/v1/markets/NYSE/holidays")
                .then().statusCode(200)
                .body("holidays.date", hasItems("2026-01-01", "2026-04-03", "2026-06-19", "2026-07-03", "2026-12-25"))
                .body("holidays.find { it.date == '2026-11-27' }.status", is("early_close"))
                .body("holidays.find { it.date == '2026-11-27' }.closeTime", is("13:00"))
                .body("holidays.find { it.date == '2026-01-01' }", not(hasKey("closeTime")));
        given().queryParam("from", "2026-12-01").queryParam("to", "2027-01-02").when().get("/api/v1/markets/NYSE/holidays")
                .then().statusCode(200).body("holidays.date", contains("2026-12-24", "2026-12-25", "2027-01-01"));
        given().queryParam("year", 2030).when().get("/api/v1/markets/CSE/holidays")
                .then().statusCode(200)
                .body("holidays.findAll { it.estimated }.size()", greaterThan(0))
                .body("holidays.status", everyItem(is("closed")));
    }

    @Test
    void symbolSearchPagesWithACursor() {
        Response first = given().queryParam("q", "A").queryParam("limit", 5).when().get("/api/v1/markets/NYSE/symbols");
        first.then().statusCode(200).body("symbols", hasSize(5)).body("next", notNullValue())
                .body("symbols.market", everyItem(is("NYSE")));
        List<String> all = new ArrayList<>(first.jsonPath().getList("symbols.symbol"));
        String next = first.jsonPath().getString("next");
        int pages = 0;
        while (next != null && pages++ < 100) {
            Response page = given().queryParam("q", "A").queryParam("limit", 5).queryParam("next", next)
                    .when().get("/api/v1/markets/NYSE/symbols");
            page.then().statusCode(200);
            all.addAll(page.jsonPath().getList("symbols.symbol"));
            next = page.jsonPath().getString("next");
        }
        assertThat(all).doesNotHaveDuplicates().hasSizeGreaterThan(5);
    }

    @Test
    void symbolSearchFindsCasablancaNamesAndPairs() {
        given().queryParam("q", "attijari").when().get("/api/v1/markets/CSE/symbols")
                .then().statusCode(200).body("symbols[0].symbol", is("ATW.CSE")).body("symbols[0].currency", is("MAD"))
                .body("symbols[0].isin", is("MA0000012445"));
        given().queryParam("type", "index").when().get("/api/v1/markets/CSE/symbols")
                .then().statusCode(200).body("symbols.symbol", hasItems("MASI.CSE", "MSI20.CSE"));
        given().queryParam("q", "usd").when().get("/api/v1/markets/FX/symbols")
                .then().statusCode(200).body("symbols.symbol", hasItem("USD/MAD"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/markets/NYSE/status?at=yesterday|at|400",
            "/api/v1/markets/NYSE/status?at=2026-12-25T15:00:00|at|400",
            "/api/v1/markets/NYSE/status?at=1999-12-31T15:00:00Z|at|400",
            "/api/v1/markets/NYSE/holidays?year=1999|year|400",
            "/api/v1/markets/NYSE/holidays?year=twenty|year|400",
            "/api/v1/markets/NYSE/holidays?year=2026&from=2026-01-01|year|400",
            "/api/v1/markets/NYSE/holidays?from=2026-02-30|from|400",
            "/api/v1/markets/NYSE/holidays?from=2027-01-01&to=2026-01-01|from|400",
            "/api/v1/markets/NYSE/symbols?limit=0|limit|400",
            "/api/v1/markets/NYSE/symbols?limit=1001|limit|400",
            "/api/v1/markets/NYSE/symbols?type=bond|type|400",
            "/api/v1/markets/NYSE/symbols?next=%00%01|next|400",
            "/api/v1/markets/NYSE/symbols?q=" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|q|400",
            "/api/v1/markets/MARS/status|market|404",
            "/api/v1/markets/%3Cscript%3E/holidays|market|404",
            "/api/v1/markets/MARS/symbols|market|404",
    })
    void badInputIsAProblemNamingTheParameter(String url, String parameter, int status) {
        given().urlEncodingEnabled(false).when().get(url)
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", is(status))
                .body("parameter", is(parameter))
                .body("title", notNullValue())
                .body("type", startsWith("/problems/"));
    }
}
