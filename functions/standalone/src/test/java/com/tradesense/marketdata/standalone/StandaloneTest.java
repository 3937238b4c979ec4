package com.tradesense.marketdata.standalone;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** The one-process engine: every function's endpoints, health, OpenAPI, and problems for everything else. */
@QuarkusTest
class StandaloneTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void servesEveryFunctionAndIsReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().when().get("/api/v1/markets").then().statusCode(200);
        given().when().get("/api/v1/market-data/ohlcv/AAPL").then().statusCode(200);
    }

    @Test
    void openApiDescribesTheEndpointsWithExamples() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/v1/markets", "/api/v1/markets/{market}/status",
                        "/api/v1/markets/{market}/holidays", "/api/v1/markets/{market}/symbols"))
                .body("paths.find { it.key.startsWith('/api/v1/market-data/ohlcv/') }", notNullValue())
                .body("paths.'/api/v1/markets/{market}/status'.get.responses.'200'.content.'application/json'.examples", notNullValue());
    }

    @Test
    void unknownRoutesAreProblems() {
        for (String path : new String[]{"/api/v1/no-such-thing", "/nothing/here", "/api/v2/markets", "/q/nope"}) {
            given().when().get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", is(404)).body("title", notNullValue()).body("type", notNullValue());
        }
    }

    @Test
    void wrongMethodIsA405Problem() {
        given().body("{}").contentType("application/json").when().post("/api/v1/markets")
                .then().statusCode(405).contentType("application/problem+json").body("status", is(405));
        given().when().delete("/api/v1/market-data/ohlcv/AAPL")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void unacceptableMediaTypeIsAProblemNotHtml() {
        given().accept("text/html").when().get("/api/v1/markets")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void oversizedBodiesAndHeadersAreRefused() throws IOException {
        // a raw socket: the server answers before the body is sent, which breaks an HTTP client's pipe
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/markets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(new byte[200_000]);
            } catch (IOException refusedMidway) {
                // expected: the server may close as soon as it has answered
            }
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).matches("HTTP/1\\.1 (405|413) .*");
        }
        given().header("X-Junk", "y".repeat(20_000)).when().get("/api/v1/markets")
                .then().statusCode(anyOf(is(431), is(400), is(413)));
    }

    @Test
    void theBenchmarkBaselineIsOffUnlessAskedFor() {
        given().when().get("/api/v1/bench/constant").then().statusCode(404).contentType("application/problem+json");
    }
}
