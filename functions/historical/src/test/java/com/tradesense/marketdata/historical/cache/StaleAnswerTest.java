package com.tradesense.marketdata.historical.cache;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider goes down after the cached month in progress expired (daily TTL 1 s here): the answer
 * still comes, from the chunks the layers keep for the stale grace, marked {@code stale} with the time
 * they were fetched; when the provider is back the answers are fresh again.
 */
@QuarkusTest
@TestProfile(StaleAnswerTest.Profile.class)
@QuarkusTestResource(value = PrivateRedis.class, restrictToAnnotatedClass = true)
class StaleAnswerTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedSimulator.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mde.cache.ttl.daily", "1s", "mde.cache.stale-grace", "10m",
                    "mde.router.circuit.open-for", "200ms");
        }
    }

    @AfterEach
    void providerBack() {
        ScriptedSimulator.DOWN.set(false);
    }

    static JsonPath get(String url) {
        return given().when().get(url).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anExpiredMonthIsServedStaleWhileTheProviderIsDownAndFreshAfter() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String url = "/api/v1/market-data/ohlcv/MSFT?interval=1d&adjustment=raw&from=" + today.minusDays(20) + "&to=" + today.plusDays(1);
        JsonPath fresh = get(url);
        assertThat(fresh.getBoolean("source.stale")).isFalse();
        assertThat(fresh.getList("bars")).isNotEmpty();
        String fetchedAt = fresh.getString("source.asOf");

        Thread.sleep(1500); // the month in progress is past its TTL (1 s), within the grace
        ScriptedSimulator.DOWN.set(true);
        int calls = ScriptedSimulator.BAR_CALLS.get();
        JsonPath stale = get(url);
        assertThat(ScriptedSimulator.BAR_CALLS.get()).isGreaterThan(calls); // the provider was asked first
        assertThat(stale.getBoolean("source.stale")).isTrue();
        // when the chunks were fetched: during the fresh request, not now
        assertThat(Instant.parse(stale.getString("source.asOf"))).isBetween(Instant.parse(fetchedAt).minusSeconds(2), Instant.parse(fetchedAt));
        assertThat(stale.getString("source.cache")).isIn("local", "redis");
        assertThat(stale.getList("bars.c")).isEqualTo(fresh.getList("bars.c"));
        assertThat(get(url).getBoolean("source.stale")).isTrue(); // not kept as a fresh answer

        // months no layer holds: still a 503 problem
        given().when().get("/api/v1/market-data/ohlcv/MSFT?interval=1d&adjustment=raw&from=2011-01-03&to=2011-02-01")
                .then().statusCode(503).contentType("application/problem+json");

        ScriptedSimulator.DOWN.set(false);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonPath back = get(url);
        while (back.getBoolean("source.stale") && System.nanoTime() < end) { // the circuit closes after 200 ms
            Thread.sleep(100);
            back = get(url);
        }
        assertThat(back.getBoolean("source.stale")).isFalse();
        assertThat(Instant.parse(back.getString("source.asOf"))).isAfter(Instant.parse(fetchedAt).plusSeconds(1));
    }
}
