package com.tradesense.marketdata.standalone;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.*;

/** TLS 1.3 only when TLS is on, security headers on every kind of response, CORS for the configured origin. */
@QuarkusTest
@TestProfile(TlsProfile.class)
class TransportSecurityTest {
    @TestHTTPResource(value = "/", tls = true)
    URL https;

    SSLContext context(String protocol) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TlsProfile.trustStore());
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    String get(SSLContext ctx, String protocol, String path) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", https.getPort())) {
            s.setSoTimeout(10_000);
            s.setEnabledProtocols(new String[]{protocol});
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void tls13ClientIsServed() throws Exception {
        assertThat(https.getProtocol()).isEqualTo("https");
        String answer = get(context("TLSv1.3"), "TLSv1.3", "/api/v1/markets");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("NYSE").containsIgnoringCase("strict-transport-security: max-age=31536000");
    }

    @Test
    void tls12OnlyClientIsRefused() throws Exception {
        assertThatThrownBy(() -> get(context("TLSv1.2"), "TLSv1.2", "/api/v1/markets"))
                .isInstanceOf(javax.net.ssl.SSLException.class);
    }

    static void secure(ValidatableResponse r) {
        r.header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer")
                .header("Strict-Transport-Security", startsWith("max-age=")).header("Content-Security-Policy", notNullValue());
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() {
        secure(given().get("/api/v1/markets").then().statusCode(200).header("Content-Security-Policy", containsString("default-src 'none'")));
        secure(given().get("/api/v1/market-data/ohlcv/AAPL?interval=7x").then().statusCode(400).contentType("application/problem+json"));
        secure(given().get("/no/such/thing").then().statusCode(404).contentType("application/problem+json"));
        secure(given().get("/q/health/live").then().statusCode(200));
        secure(given().get("/q/openapi").then().statusCode(200));
        // Swagger UI runs its own inline script: its policy allows that, and only under /q/.
        secure(given().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'")));
        secure(given().get("/api/v1/auth/token").then().header("Cache-Control", "no-store"));
    }

    @Test
    void corsPreflightForTheConfiguredOriginOnly() {
        given().header("Origin", TlsProfile.ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization").when().options("/api/v1/markets").then().statusCode(204)
                .header("Access-Control-Allow-Origin", TlsProfile.ORIGIN).header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", containsString("Authorization")).header("Vary", "Origin");
        given().header("Origin", TlsProfile.ORIGIN).when().get("/api/v1/markets").then().statusCode(200)
                .header("Access-Control-Allow-Origin", TlsProfile.ORIGIN);
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET").when()
                .options("/api/v1/markets").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").when().get("/api/v1/markets").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
