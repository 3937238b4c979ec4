package com.tradesense.marketdata.standalone.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** A flood of bad tokens or unknown API keys from one address is cut off with 429 before any of them is looked at. */
@QuarkusTest
@TestProfile(FloodProfile.class)
class FailedAuthLimitTest {

    @Test
    void failedAuthenticationsPerAddressAreLimited() {
        // obtained first: the token endpoint is not behind the limit
        String valid = RestSecurityTest.access(AuthOnProfile.DEMO_KEY);
        given().auth().oauth2(valid).when().get("/api/v1/markets").then().statusCode(200);
        // bad tokens and guessed API keys (in each place a key may go) count alike
        for (int i = 0; i < FloodProfile.FAILURES; i++) {
            var request = switch (i % 4) {
                case 0 -> given().header("Authorization", "Bearer not.a.token" + i);
                case 1 -> given().header("X-API-Key", "mde_guess" + i);
                case 2 -> given().queryParam("apiKey", "mde_guess" + i);
                default -> given().header("Authorization", "Bearer mde_guess" + i);
            };
            request.when().get("/api/v1/markets").then().statusCode(401);
        }
        Response flooded = given().header("Authorization", "Bearer not.a.token").when().get("/api/v1/markets");
        flooded.then().statusCode(429).contentType("application/problem+json")
                .body("status", is(429)).body("type", is("/problems/rate-limited"))
                .body("detail", containsString("failed authentications"));
        long retryAfter = Long.parseLong(flooded.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        // the address is held off whatever it sends, a missing header included, until the window frees up
        given().when().get("/api/v1/markets").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(valid).when().get("/api/v1/markets").then().statusCode(429);
        given().header("X-API-Key", AuthOnProfile.DEMO_KEY).when().get("/api/v1/markets").then().statusCode(429);
        // the open endpoints stay reachable
        given().when().get("/api/v1/auth/jwks").then().statusCode(200);
    }
}
