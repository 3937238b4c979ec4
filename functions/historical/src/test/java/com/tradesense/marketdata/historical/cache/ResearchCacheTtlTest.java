package com.tradesense.marketdata.historical.cache;

import com.tradesense.marketdata.cache.LayeredBarCache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The research answers are kept in the local layer for the TTL configured per data type, the values
 * configured are the policy's (what /cache/statistics shows), and invalidating a symbol drops its answers.
 */
@QuarkusTest
@TestProfile(ResearchCacheTtlTest.Profile.class)
class ResearchCacheTtlTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mde.cache.ttl.fundamentals", "4s", "mde.cache.ttl.news", "4s", "mde.cache.ttl.economic", "4s",
                    "mde.cache.ttl.corporate-actions", "1h", "mde.ratelimit.enabled", "false");
        }
    }

    @Inject
    LayeredBarCache cache;

    /** {@code source.cache} of the answer (found in the text: a first GPath extraction compiles Groovy for seconds). */
    static String cacheOf(String url) {
        String body = given().when().get(url).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("\"source\":\\{[^}]*\"cache\":\"(\\w+)\"").matcher(body);
        assertThat(m.find()).as("source.cache in " + url).isTrue();
        return m.group(1);
    }

    @Test
    void eachDataTypeIsKeptForItsConfiguredTtl() throws Exception {
        assertThat(cache.policy().describe()).containsEntry("fundamentals", "PT4S").containsEntry("news", "PT4S")
                .containsEntry("economic", "PT4S").containsEntry("corporate_actions", "PT1H");
        String[] expiring = {"/api/v1/market-data/fundamentals/MSFT", "/api/v1/news?symbols=MSFT",
                "/api/v1/economic-indicators/US/policy-rate?from=2024-01-01&to=2024-12-31"};
        for (String url : expiring) {
            assertThat(cacheOf(url)).as(url).isEqualTo("none");
            assertThat(cacheOf(url)).as(url).isEqualTo("local");
        }
        assertThat(cache.answerCachesByType().get("fundamentals").hits()).isGreaterThanOrEqualTo(1);
        assertThat(cache.answerCachesByType().get("fundamentals").entries()).isGreaterThanOrEqualTo(1);
        Thread.sleep(4300);
        for (String url : expiring) {
            assertThat(cacheOf(url)).as(url + " after its TTL").isEqualTo("none");
        }

        String actions = "/api/v1/market-data/corporate-actions/MSFT?from=2015-01-01&to=2024-12-31";
        assertThat(cacheOf(actions)).isEqualTo("none");
        assertThat(cacheOf(actions)).isEqualTo("local");
        assertThat(cacheOf("/api/v1/market-data/fundamentals/MSFT")).isEqualTo("local");
        cache.invalidate("MSFT", null); // as DELETE /api/v1/cache?symbol=MSFT does, or a new split
        assertThat(cacheOf(actions)).isEqualTo("none");
        assertThat(cacheOf("/api/v1/market-data/fundamentals/MSFT")).isEqualTo("none");
    }
}
