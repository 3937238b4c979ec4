package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.routing.ConflictLog;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class DataQualityResourceTest {
    @Inject
    RouterHealth health;
    @Inject
    ProviderRouter router;
    @Inject
    MarketDataService marketData;

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
                .body("providers.find { it.provider == 'simulator' }.dropRate", notNullValue())
                .body("providers.findAll { it.provider == 'simulator' }.dataType", hasItems("ohlcv", "news", "fundamentals"));
    }

    @Test
    void latencyCompletenessAndScoreChangeWithTraffic() {
        int before = given().when().get("/api/v1/data-quality/report").then().statusCode(200)
                .extract().path("providers.find { it.provider == 'simulator' && it.dataType == 'ohlcv' }.calls");
        marketData.ohlcv(OhlcvQuery.parse("AAPL", "1d", "raw", "2025-03-03", "2025-03-15", null, null));
        given().when().get("/api/v1/data-quality/report")
                .then().statusCode(200)
                .body("weights.latency", equalTo(0.3f))
                .body("tolerance", equalTo(0.005f))
                .body("providers.find { it.provider == 'simulator' && it.dataType == 'ohlcv' }.calls", greaterThan(before))
                .body("providers.find { it.provider == 'simulator' && it.dataType == 'ohlcv' }.p99Ms", notNullValue())
                .body("providers.find { it.provider == 'simulator' && it.dataType == 'ohlcv' }.latencyScore", notNullValue())
                .body("providers.find { it.provider == 'simulator' && it.dataType == 'ohlcv' }.completeness", equalTo(1.0f))
                .body("providers.find { it.provider == 'simulator' && it.dataType == 'ohlcv' }.expected", greaterThanOrEqualTo(9))
                .body("providers.find { it.provider == 'simulator' && it.dataType == 'ohlcv' }.score", notNullValue());
    }

    @Test
    void recentConflictsAreListedNewestFirst() {
        long total = router.conflicts().total();
        router.conflicts().add(new ConflictLog.Conflict(Instant.parse("2026-06-01T12:00:00Z"), "ohlcv", "AAPL",
                Instant.parse("2026-05-29T13:30:00Z"), "close", "polygon", 190.1, "twelve_data", 188.0, "twelve_data", 0.011));
        given().when().get("/api/v1/data-quality/report")
                .then().statusCode(200)
                .body("conflictsTotal", equalTo((int) total + 1))
                .body("recentConflicts[0].symbol", equalTo("AAPL"))
                .body("recentConflicts[0].providerA", equalTo("polygon"))
                .body("recentConflicts[0].winner", equalTo("twelve_data"));
    }
}
