package com.tradesense.marketdata.standalone;

import com.tradesense.marketdata.audit.AuditEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** The standalone's audit trail (its journal directory): data access recorded per request, admin-only queries, verification. */
@QuarkusTest
class AuditStandaloneTest {
    static final String ADMIN = "root-admin;enterprise;admin";

    @Inject
    Event<AuditEvent> events;

    @Test
    void adminEndpointsNeedAnAdmin() {
        given().when().get("/api/v1/admin/audit").then().statusCode(401).contentType("application/problem+json")
                .body("type", is("/problems/unauthorized"));
        given().header(TestIdentityFilter.HEADER, "alice;pro;trader").when().get("/api/v1/admin/audit/verify").then().statusCode(403)
                .contentType("application/problem+json").body("type", is("/problems/forbidden"));
    }

    @Test
    void dataAccessIsRecordedWithActorSymbolTypeAndOutcome() throws Exception {
        String who = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        given().header(TestIdentityFilter.HEADER, who + ";pro;trader").when()
                .get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-01-10").then().statusCode(200);
        given().header(TestIdentityFilter.HEADER, who + ";pro;trader").when()
                .get("/api/v1/market-data/ohlcv/USD/MAD?interval=1d&limit=5").then().statusCode(200);
        given().header(TestIdentityFilter.HEADER, who + ";pro;trader").when()
                .get("/api/v1/market-data/ohlcv/AAPL?interval=7x").then().statusCode(400);
        List<Map<String, Object>> entries = awaitEntries(who, 3);
        assertThat(entries).extracting(e -> e.get("symbol") + " " + e.get("outcome") + " " + e.get("action") + " " + e.get("dataType"))
                .containsExactly("AAPL rejected data.ohlcv ohlcv", "USD/MAD allowed data.ohlcv ohlcv", "AAPL allowed data.ohlcv ohlcv");
        assertThat(entries.get(0).get("category")).isEqualTo("data_access");
        assertThat((String) entries.get(0).get("hash")).hasSize(64);

        // Pages of one, newest first, following the cursor.
        Response p1 = given().header(TestIdentityFilter.HEADER, ADMIN).queryParam("actor", who).queryParam("limit", 1)
                .when().get("/api/v1/admin/audit");
        p1.then().statusCode(200).body("entries", hasSize(1)).body("next", notNullValue());
        given().header(TestIdentityFilter.HEADER, ADMIN).queryParam("actor", who).queryParam("limit", 1)
                .queryParam("next", p1.path("next").toString()).when().get("/api/v1/admin/audit").then().statusCode(200)
                .body("entries[0].symbol", is("USD/MAD"));
    }

    @Test
    void anonymousCallersAndFiredEventsAreInTheTrailAndTheChainVerifies() throws Exception {
        String action = "admin.test." + UUID.randomUUID().toString().substring(0, 8);
        events.fire(new AuditEvent(Instant.now(), AuditEvent.Category.ADMIN, "ops", action, null, null, "allowed", "fired by a test"));
        given().header(TestIdentityFilter.HEADER, ADMIN).queryParam("action", action).queryParam("category", "admin")
                .when().get("/api/v1/admin/audit").then().statusCode(200)
                .body("backend", is("journal")).body("entries", hasSize(1)).body("entries[0].actor", is("ops"));
        given().when().get("/api/v1/news?symbol=TSLA").then().statusCode(anyOf(is(200), is(404)));
        List<Map<String, Object>> anon = awaitEntries("anonymous", 1);
        assertThat(anon).anySatisfy(e -> assertThat(e.get("dataType")).isEqualTo("news"));
        given().header(TestIdentityFilter.HEADER, ADMIN).when().get("/api/v1/admin/audit/verify").then().statusCode(200)
                .body("intact", is(true)).body("entriesChecked", greaterThan(0)).body("firstBreak", nullValue())
                .body("anchored", notNullValue());
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        for (String[] bad : new String[][]{{"category", "nope"}, {"from", "yesterday"}, {"to", "2026-13-01"}, {"limit", "0"},
                {"limit", "100000"}, {"next", "not-a-cursor"}, {"next", "x".repeat(500)}}) {
            given().header(TestIdentityFilter.HEADER, ADMIN).queryParam(bad[0], bad[1]).when().get("/api/v1/admin/audit").then()
                    .statusCode(400).contentType("application/problem+json").body("parameter", is(bad[0]));
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> awaitEntries(String actor, int atLeast) throws InterruptedException {
        List<Map<String, Object>> entries = List.of();
        for (int i = 0; i < 50; i++) {
            entries = given().header(TestIdentityFilter.HEADER, ADMIN).queryParam("actor", actor).queryParam("limit", 50)
                    .when().get("/api/v1/admin/audit").then().statusCode(200).extract().path("entries");
            if (entries.size() >= atLeast) {
                return entries;
            }
            Thread.sleep(100);
        }
        return entries;
    }
}
