package com.tradesense.marketdata.standalone.security;

import com.tradesense.marketdata.rest.security.AuthConfig;
import com.tradesense.marketdata.rest.security.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Tokens, refresh rotation, revocation, JWKS, admin keys, REST entitlements and the forged-token corpus, over real HTTP. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class RestSecurityTest {
    @Inject
    SigningKeys keys;
    @Inject
    AuthConfig config;

    static JsonPath tokens(String apiKey) {
        return given().contentType(ContentType.JSON).body(Map.of("apiKey", apiKey))
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().jsonPath();
    }

    static String access(String apiKey) {
        return tokens(apiKey).getString("accessToken");
    }

    static String createKey(String plan, List<String> roles) {
        return createKey(plan + "-client-" + System.nanoTime(), plan, roles).getString("apiKey");
    }

    /** A new key of {@code owner}: its {@code id} and {@code apiKey}. */
    static JsonPath createKey(String owner, String plan, List<String> roles) {
        return given().auth().oauth2(access(AuthOnProfile.ADMIN_KEY)).contentType(ContentType.JSON)
                .body(Map.of("owner", owner, "plan", plan, "roles", roles))
                .when().post("/api/v1/admin/api-keys").then().statusCode(201).extract().jsonPath();
    }

    static void revokeKey(String id) {
        given().auth().oauth2(access(AuthOnProfile.ADMIN_KEY)).when().delete("/api/v1/admin/api-keys/" + id).then().statusCode(204);
    }

    @Test
    void revokingAKeyCutsOffItsAccessTokensAtOnce() {
        JsonPath key = createKey("desk-revoked-" + System.nanoTime(), "pro", List.of());
        JsonPath t = tokens(key.getString("apiKey"));
        String token = t.getString("accessToken");
        String other = access(AuthOnProfile.DEMO_KEY);
        given().auth().oauth2(token).when().get("/api/v1/markets").then().statusCode(200);
        revokeKey(key.getString("id"));
        // the token has 15 minutes left, but its key is gone: refused from the next request on
        given().auth().oauth2(token).when().get("/api/v1/markets").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token")).body("detail", containsString("revoked"));
        given().auth().oauth2(token).when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-01-10").then().statusCode(401);
        refresh(t.getString("refreshToken"), 401);
        // other keys are untouched
        given().auth().oauth2(other).when().get("/api/v1/markets").then().statusCode(200);
    }

    @Test
    void freePlanDailyWeeklyAndMonthlyBarsLeaveOutThePeriodInProgress() {
        String free = access(createKey("free", List.of()));
        String realTime = access(createKey("enterprise", List.of()));
        Instant now = Instant.now();
        boolean checked = false;
        for (String interval : List.of("1d", "1w", "1mo")) {
            String path = "/api/v1/market-data/ohlcv/USD/MAD?interval=" + interval + "&from=" + now.minus(120, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
            List<Long> realBars = given().auth().oauth2(realTime).when().get(path).then().statusCode(200).extract().jsonPath().getList("bars.t", Long.class);
            List<Long> freeBars = given().auth().oauth2(free).when().get(path).then().statusCode(200).extract().jsonPath().getList("bars.t", Long.class);
            long periodDays = interval.equals("1d") ? 1 : interval.equals("1w") ? 7 : 31;
            if (realBars.isEmpty() || realBars.get(realBars.size() - 1) < now.minus(periodDays, ChronoUnit.DAYS).toEpochMilli()) {
                continue; // no bar in progress (market closed for longer than one period)
            }
            checked = true;
            // the real-time caller sees the bar in progress, the free one every bar before it and not that one
            assertThat(freeBars).as(interval).isEqualTo(realBars.subList(0, realBars.size() - 1));
        }
        Assumptions.assumeTrue(checked, "no simulated bar in progress");
        // a 'to' in the past is left alone
        String past = "/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-01-10";
        assertThat(given().auth().oauth2(free).when().get(past).then().statusCode(200).extract().jsonPath().getList("bars.t", Long.class))
                .isNotEmpty()
                .isEqualTo(given().auth().oauth2(realTime).when().get(past).then().statusCode(200).extract().jsonPath().getList("bars.t", Long.class));
    }

    @Test
    void noOrBadTokenIs401ProblemWithBearerChallenge() {
        given().when().get("/api/v1/markets").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                .body("status", is(401)).body("type", is("/problems/unauthorized"));
        given().header("Authorization", "Bearer nonsense").when().get("/api/v1/market-data/ohlcv/AAPL").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("invalid_token"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/api/v1/markets").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("apiKey", "not-a-key")).when().post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json");
        // the open parts
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/.well-known/jwks.json").then().statusCode(200);
    }

    @Test
    void apiKeyInBodyOrHeaderGivesATokenThatServesData() {
        JsonPath t = tokens(AuthOnProfile.DEMO_KEY);
        assertThat(t.getString("tokenType")).isEqualTo("Bearer");
        assertThat(t.getLong("expiresIn")).isEqualTo(config.accessTokenTtl().toSeconds());
        assertThat(t.getString("plan")).isEqualTo("pro");
        assertThat(t.getList("groups")).containsExactly("realtime-cse");
        String viaHeader = given().header("X-API-Key", AuthOnProfile.DEMO_KEY).when().post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("accessToken");
        for (String token : List.of(t.getString("accessToken"), viaHeader)) {
            given().auth().oauth2(token).when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-01-10")
                    .then().statusCode(200).body("symbol", is("AAPL"));
        }
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        JsonPath first = tokens(AuthOnProfile.DEMO_KEY);
        String r1 = first.getString("refreshToken");
        JsonPath second = refresh(r1, 200);
        String r2 = second.getString("refreshToken");
        assertThat(r2).isNotEqualTo(r1);
        given().auth().oauth2(second.getString("accessToken")).when().get("/api/v1/markets").then().statusCode(200);
        JsonPath third = refresh(r2, 200);
        String r3 = third.getString("refreshToken");
        // r1 again: a copy is in someone else's hands: the whole family goes
        refresh(r1, 401);
        refresh(r3, 401);
        // another family is untouched
        String other = tokens(AuthOnProfile.DEMO_KEY).getString("refreshToken");
        refresh(other, 200);
    }

    @Test
    void revokeEndsARefreshFamily() {
        JsonPath t = tokens(AuthOnProfile.DEMO_KEY);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", t.getString("refreshToken")))
                .when().post("/api/v1/auth/revoke").then().statusCode(401);
        given().auth().oauth2(t.getString("accessToken")).contentType(ContentType.JSON).body(Map.of("refreshToken", t.getString("refreshToken")))
                .when().post("/api/v1/auth/revoke").then().statusCode(204);
        refresh(t.getString("refreshToken"), 401);
        refresh("mdr_never-issued", 401);
    }

    private static JsonPath refresh(String token, int status) {
        Response r = given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).when().post("/api/v1/auth/refresh");
        r.then().statusCode(status);
        if (status == 401) {
            r.then().contentType("application/problem+json");
        }
        return r.jsonPath();
    }

    @Test
    void jwksVerifiesTheAccessToken() throws Exception {
        String token = access(AuthOnProfile.DEMO_KEY);
        String jwks = given().when().get("/api/v1/auth/jwks").then().statusCode(200).extract().asString();
        assertThat(given().when().get("/.well-known/jwks.json").then().extract().asString()).isEqualTo(jwks);
        assertThat(jwks).doesNotContain("\"d\"");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        JsonWebKey jwk = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwks).getJsonWebKeys());
        assertThat(jwk).isNotNull();
        jws.setKey(jwk.getKey());
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("ES256");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(keys.signing().kid());
        assertThat(jws.getPayload()).contains("\"plan\":\"pro\"").contains("\"aud\":\"" + config.audience() + "\"")
                .contains("\"iss\":\"" + config.issuer() + "\"").contains("\"jti\"");
    }

    @Test
    void entitlementsFreeProAndAdmin() {
        String free = access(createKey("free", List.of()));
        String pro = access(AuthOnProfile.DEMO_KEY);
        String admin = access(AuthOnProfile.ADMIN_KEY);
        String ticks = "/api/v1/market-data/historical/AAPL?from=2025-01-02T15:00:00Z&to=2025-01-02T15:05:00Z";
        given().auth().oauth2(free).when().get(ticks).then().statusCode(403).contentType("application/problem+json")
                .body("type", is("/problems/forbidden")).body("detail", containsString("not entitled: tick history (pro plan)"));
        given().auth().oauth2(pro).when().get(ticks).then().statusCode(200);
        given().auth().oauth2(free).when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-01-10").then().statusCode(200);
        given().auth().oauth2(free).when().get("/api/v1/markets").then().statusCode(200);
        // admin endpoints
        given().auth().oauth2(pro).when().delete("/api/v1/cache?symbol=AAPL").then().statusCode(403).body("detail", containsString("admin role"));
        given().auth().oauth2(free).when().get("/api/v1/admin/api-keys").then().statusCode(403);
        int status = given().auth().oauth2(admin).when().delete("/api/v1/cache?symbol=AAPL").then().extract().statusCode();
        assertThat(status).isEqualTo(200);
    }

    @Test
    void freePlanIntradayEndsFifteenMinutesAgo() {
        String free = access(createKey("free", List.of()));
        String realTime = access(createKey("enterprise", List.of()));
        Instant now = Instant.now();
        long cutoff = now.minus(15, ChronoUnit.MINUTES).toEpochMilli();
        // a listing whose market traded in the last 15 minutes (FX trades around the clock on weekdays)
        String chosen = null;
        List<Long> realBars = List.of();
        for (String symbol : List.of("USD/MAD", "AAPL", "ATW.CSE", "EUR/MAD")) {
            realBars = bars(realTime, symbol, now);
            if (realBars.stream().anyMatch(t -> t >= cutoff)) {
                chosen = symbol;
                break;
            }
        }
        Assumptions.assumeTrue(chosen != null, "no simulated market traded in the last 15 minutes (weekend)");
        List<Long> freeBars = bars(free, chosen, now);
        assertThat(freeBars).isNotEmpty().allSatisfy(t -> assertThat(t).isLessThan(cutoff + 60_000));
        List<Long> older = realBars.stream().filter(t -> t < cutoff - 60_000).toList();
        assertThat(freeBars).containsAll(older);
        assertThat(freeBars.size()).isLessThan(realBars.size());
        // a 'to' already older than the delay is left alone
        String past = "/api/v1/market-data/ohlcv/AAPL?interval=5m&from=2025-03-03&to=2025-03-05";
        assertThat(given().auth().oauth2(free).when().get(past).then().statusCode(200).extract().jsonPath().getList("bars.t", Long.class))
                .isNotEmpty()
                .isEqualTo(given().auth().oauth2(realTime).when().get(past).then().statusCode(200).extract().jsonPath().getList("bars.t", Long.class));
    }

    private static List<Long> bars(String token, String symbol, Instant now) {
        String path = "/api/v1/market-data/ohlcv/" + symbol + "?interval=1m&from=" + now.minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES)
                + "&to=" + now.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        return given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().jsonPath().getList("bars.t", Long.class);
    }

    @Test
    void adminCreatesListsAndRevokesKeys() {
        String admin = access(AuthOnProfile.ADMIN_KEY);
        JsonPath created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("owner", "desk-7", "plan", "pro", "roles", List.of("realtime-cse")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("apiKey");
        JsonPath t = tokens(secret);
        assertThat(t.getString("plan")).isEqualTo("pro");
        String list = given().auth().oauth2(admin).when().get("/api/v1/admin/api-keys").then().statusCode(200).extract().asString();
        assertThat(list).contains(id).contains("desk-7").doesNotContain(secret);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("owner", "x", "plan", "gold"))
                .when().post("/api/v1/admin/api-keys").then().statusCode(400).contentType("application/problem+json").body("parameter", is("plan"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("owner", "x", "plan", "pro", "roles", List.of("root")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(400).body("parameter", is("roles"));
        given().auth().oauth2(admin).when().delete("/api/v1/admin/api-keys/" + id).then().statusCode(204);
        given().auth().oauth2(admin).when().delete("/api/v1/admin/api-keys/" + id).then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("apiKey", secret)).when().post("/api/v1/auth/token").then().statusCode(401);
        refresh(t.getString("refreshToken"), 401);
    }

    @Test
    void everyForgedTokenIsRefused() throws Exception {
        String valid = access(AuthOnProfile.DEMO_KEY);
        Map<String, List<String>> corpus = new ForgedTokens(keys.signing(), config.issuer(), config.audience(), valid).all();
        Map<String, int[]> counts = new TreeMap<>();
        int total = 0;
        int accepted = 0;
        int serverErrors = 0;
        for (Map.Entry<String, List<String>> e : corpus.entrySet()) {
            int[] c = counts.computeIfAbsent(e.getKey(), k -> new int[3]);
            for (String token : e.getValue()) {
                int status = given().header("Authorization", "Bearer " + token).when().get("/api/v1/markets").then().extract().statusCode();
                c[0]++;
                total++;
                if (status < 400) {
                    c[1]++;
                    accepted++;
                }
                if (status >= 500) {
                    c[2]++;
                    serverErrors++;
                }
            }
        }
        StringBuilder report = new StringBuilder("forged tokens: " + total + " sent, " + accepted + " accepted, " + serverErrors + " 5xx\n");
        counts.forEach((k, c) -> report.append(String.format("  %-26s %4d sent %d accepted %d 5xx%n", k, c[0], c[1], c[2])));
        System.out.println(report);
        assertThat(total).isGreaterThan(300);
        assertThat(accepted).as(report.toString()).isZero();
        assertThat(serverErrors).as(report.toString()).isZero();
        // the control: the genuine token is accepted
        given().auth().oauth2(valid).when().get("/api/v1/markets").then().statusCode(200);
    }
}
