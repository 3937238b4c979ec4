package com.tradesense.marketdata.standalone.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The API key itself on data calls (API.md wave 2), in each of its three places, with the plan and entitlements of a
 * token exchanged for it; revocation; one credential per request; hostile input. Over real HTTP.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class ApiKeyAuthTest {
    private static final String OHLCV = "/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-01-10";
    private static final String TICKS = "/api/v1/market-data/historical/AAPL?from=2025-01-02T15:00:00Z&to=2025-01-02T15:05:00Z";

    /** The three places a key may go, each applied to a request of {@code path} (which may carry a query already). */
    enum Place {
        BEARER((r, k) -> r.header("Authorization", "Bearer " + k)),
        HEADER((r, k) -> r.header("X-API-Key", k)),
        QUERY((r, k) -> r.queryParam("apiKey", k));

        final BiFunction<RequestSpecification, String, RequestSpecification> put;

        Place(BiFunction<RequestSpecification, String, RequestSpecification> put) {
            this.put = put;
        }

        Response get(String key, String path) {
            return put.apply(given().urlEncodingEnabled(true), key).when().get(path);
        }
    }

    @Test
    void eachPlaceServesDataWithTheKeysPlan() {
        String pro = RestSecurityTest.createKey("pro", List.of());
        String free = RestSecurityTest.createKey("free", List.of());
        for (Place p : Place.values()) {
            p.get(pro, OHLCV).then().statusCode(200).body("symbol", is("AAPL"));
            p.get(pro, "/api/v1/markets/NYSE/status").then().statusCode(200).body("market", is("NYSE"));
            p.get(pro, TICKS).then().statusCode(200);
            // a free key: daily bars yes, tick history no, exactly as a free token
            p.get(free, OHLCV).then().statusCode(200);
            p.get(free, TICKS).then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("not entitled: tick history (pro plan)"));
            // the demo key of standalone works directly too
            p.get(AuthOnProfile.DEMO_KEY, OHLCV).then().statusCode(200);
        }
        // the same bars as with a token of the same key
        String token = RestSecurityTest.access(pro);
        String viaToken = given().auth().oauth2(token).when().get(OHLCV).then().statusCode(200).extract().path("bars").toString();
        assertThat(Place.HEADER.get(pro, OHLCV).then().extract().path("bars").toString()).isEqualTo(viaToken);
    }

    @Test
    void theAdminRoleComesWithTheKeyToo() {
        Place.HEADER.get(AuthOnProfile.ADMIN_KEY, "/api/v1/admin/api-keys").then().statusCode(200);
        Place.QUERY.get(AuthOnProfile.DEMO_KEY, "/api/v1/admin/api-keys").then().statusCode(403).body("detail", containsString("admin role"));
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceInEveryPlace() {
        JsonPath created = RestSecurityTest.createKey("desk-direct-revoked-" + System.nanoTime(), "pro", List.of());
        String key = created.getString("apiKey");
        for (Place p : Place.values()) {
            // used several times: its identity and its active state are cached now
            for (int i = 0; i < 3; i++) {
                p.get(key, OHLCV).then().statusCode(200);
            }
        }
        String token = RestSecurityTest.access(key);
        given().auth().oauth2(token).when().get(OHLCV).then().statusCode(200);
        RestSecurityTest.revokeKey(created.getString("id"));
        for (Place p : Place.values()) {
            p.get(key, OHLCV).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("invalid_token")).body("detail", is("Unknown or revoked API key."));
        }
        given().auth().oauth2(token).when().get(OHLCV).then().statusCode(401).body("detail", containsString("revoked"));
    }

    @Test
    void unknownKeysAre401ProblemsThatNeverEchoTheKey() {
        String guess = "mde_" + "G".repeat(43);
        for (Place p : Place.values()) {
            Response r = p.get(guess, OHLCV);
            r.then().statusCode(401).contentType("application/problem+json").body("type", is("/problems/unauthorized"))
                    .header("WWW-Authenticate", containsString("Bearer"));
            assertThat(r.asString()).doesNotContain(guess);
            assertThat(r.getHeaders().toString()).doesNotContain(guess);
        }
    }

    @Test
    void oneCredentialPerRequest() {
        String a = RestSecurityTest.createKey("pro", List.of());
        String b = RestSecurityTest.createKey("pro", List.of());
        // two different keys: refused, whichever places they come in
        Response r = given().header("X-API-Key", a).queryParam("apiKey", b).when().get(OHLCV);
        r.then().statusCode(400).contentType("application/problem+json").body("status", is(400))
                .header("WWW-Authenticate", containsString("invalid_request")).body("detail", containsString("one credential"));
        assertThat(r.asString()).doesNotContain(a).doesNotContain(b);
        given().header("Authorization", "Bearer " + a).header("X-API-Key", b).when().get(OHLCV).then().statusCode(400);
        given().header("X-API-Key", a).header("X-API-Key", b).when().get(OHLCV).then().statusCode(400);
        given().queryParam("apiKey", a).queryParam("apiKey", b).when().get(OHLCV).then().statusCode(400);
        given().auth().oauth2(RestSecurityTest.access(a)).header("X-API-Key", a).when().get(OHLCV).then().statusCode(400);
        // the same key twice is one credential
        given().header("X-API-Key", a).queryParam("apiKey", a).header("Authorization", "Bearer " + a).when().get(OHLCV).then().statusCode(200);
        // another scheme beside a key is ignored
        given().header("Authorization", "Basic dXNlcjpwYXNz").header("X-API-Key", a).when().get(OHLCV).then().statusCode(200);
    }

    @Test
    void theAuditTrailNamesTheKeysOwnerAndNeverHoldsAKey() throws Exception {
        String owner = "desk-audit-" + System.nanoTime();
        String key = RestSecurityTest.createKey(owner, "pro", List.of()).getString("apiKey");
        String guess = "mde_" + "U".repeat(43);
        Place.QUERY.get(key, OHLCV).then().statusCode(200);
        Place.HEADER.get(key, TICKS).then().statusCode(200);
        Place.QUERY.get(guess, OHLCV).then().statusCode(401);
        String mine = "";
        for (int i = 0; i < 50 && !mine.contains("data.historical"); i++) {
            Thread.sleep(100); // entries are written as each response ends
            mine = Place.HEADER.get(AuthOnProfile.ADMIN_KEY, "/api/v1/admin/audit?actor=" + owner).then().statusCode(200).extract().asString();
        }
        assertThat(mine).contains("data.ohlcv").contains("data.historical").contains("\"actor\":\"" + owner + "\"");
        String all = Place.HEADER.get(AuthOnProfile.ADMIN_KEY, "/api/v1/admin/audit?limit=1000").then().statusCode(200).extract().asString();
        assertThat(all).contains(owner).doesNotContain(key).doesNotContain(guess).doesNotContain("apiKey=");
    }

    @Test
    void theOpenApiDescribesTheKeySchemesBesideBearer() {
        JsonPath api = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(api.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(api.getString("components.securitySchemes.apiKeyHeader.type")).isEqualTo("apiKey");
        assertThat(api.getString("components.securitySchemes.apiKeyHeader.in")).isEqualTo("header");
        assertThat(api.getString("components.securitySchemes.apiKeyHeader.name")).isEqualTo("X-API-Key");
        assertThat(api.getString("components.securitySchemes.apiKeyQuery.in")).isEqualTo("query");
        assertThat(api.getString("components.securitySchemes.apiKeyQuery.name")).isEqualTo("apiKey");
        // any one of the three authenticates a data call; the token exchange itself needs none
        List<Object> security = api.getList("paths.'/api/v1/market-data/ohlcv/{symbol}'.get.security");
        assertThat(security.toString()).contains("bearer").contains("apiKeyHeader").contains("apiKeyQuery");
        assertThat(security).hasSize(3);
        assertThat(api.getList("paths.'/api/v1/auth/token'.post.security")).isNullOrEmpty();
    }

    @TestHTTPResource("/")
    URL base;

    /** One request written byte for byte; the whole answer (the server closes the connection). */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void hostileKeysAreRefusedAsProblemsNeverAsServerErrors() throws Exception {
        String good = RestSecurityTest.createKey("pro", List.of());
        // surrounding blanks are trimmed, as for tokens
        given().header("Authorization", "Bearer    " + good + "   ").when().get(OHLCV).then().statusCode(200);
        given().header("X-API-Key", "  " + good + " ").when().get(OHLCV).then().statusCode(200);
        List<String> junk = List.of("x", "mde_", good + "x", good.substring(0, good.length() - 1), "mde_ with spaces",
                "mde_\u00e9t\u00e9", "k".repeat(257), "k".repeat(4_000), "' OR 1=1 --", "%00", "a.b", "a..b.c");
        for (String k : junk) {
            for (Place p : Place.values()) {
                int status = p.get(k, OHLCV).then().extract().statusCode();
                assertThat(status).as("%s in %s", k.length() > 20 ? k.substring(0, 20) + "..." : k, p).isEqualTo(401);
            }
        }
        // a unicode key in the query (percent-encoded UTF-8) and a bare broken escape
        given().urlEncodingEnabled(false).when().get(OHLCV + "&apiKey=mde_%E2%82%AC%F0%9F%92%B6").then().statusCode(401)
                .contentType("application/problem+json");
        // (a client library refuses to send a broken escape: written to the socket as it is). Vert.x itself refuses any
        // query with a broken escape, on every path, with an empty 400 before a handler runs (HostileInputTest allows
        // it): never served, never a 5xx
        String answer = raw("GET " + OHLCV + "&apiKey=%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).matches("(?s)HTTP/1\\.1 4\\d\\d .*").doesNotContain("\"bars\"");
        // Bearer with nothing (or only blanks) after it
        given().header("Authorization", "Bearer ").when().get(OHLCV).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer        ").when().get(OHLCV).then().statusCode(401);
        // a header over the server's limit (16K) is answered by the transport layer: still a problem, not a 500
        Response huge = given().header("X-API-Key", "k".repeat(20_000)).when().get(OHLCV);
        assertThat(huge.statusCode()).isBetween(400, 499);
        // and the genuine key still works afterwards (the limit here is 100000 failures a minute)
        Place.QUERY.get(good, OHLCV).then().statusCode(200);
    }
}
