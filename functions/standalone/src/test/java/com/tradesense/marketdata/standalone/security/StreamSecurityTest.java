package com.tradesense.marketdata.standalone.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream authentication (header or first message), entitlement rejections in acks, expiry warning, close and re-auth. */
@QuarkusTest
@TestProfile(ShortTokensProfile.class)
class StreamSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    /** A real client collecting messages and the close reason. */
    final class Client implements AutoCloseable {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        final WebSocketClientConnection connection;

        Client(String bearer) {
            this("/api/v1/stream", bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
        }

        /** {@code path} may carry a query ({@code ?apiKey=}); {@code headers} go with the handshake. */
        Client(String path, Map<String, String> headers) {
            BasicWebSocketConnector c = BasicWebSocketConnector.create().baseUri(base).path(path)
                    .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                    .onTextMessage((conn, m) -> {
                        try {
                            received.add(JSON.readTree(m));
                        } catch (Exception e) {
                            received.add(JSON.getNodeFactory().textNode(m));
                        }
                    })
                    .onClose((conn, r) -> closed.complete(r));
            headers.forEach(c::addHeader);
            connection = c.connectAndAwait();
        }

        void send(String text) {
            connection.sendTextAndAwait(text);
        }

        JsonNode next(Predicate<JsonNode> p, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = end - System.nanoTime();
                JsonNode m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
                if (m == null) {
                    throw new AssertionError("no matching message within " + timeout);
                }
                if (p.test(m)) {
                    return m;
                }
            }
        }

        JsonNode type(String type) throws InterruptedException {
            return next(m -> type.equals(m.path("type").asText()), Duration.ofSeconds(10));
        }

        @Override
        public void close() {
            if (connection.isOpen()) {
                connection.closeAndAwait();
            }
        }
    }

    private static String rejectedReason(JsonNode ack, String symbol) {
        for (JsonNode r : ack.path("rejected")) {
            if (r.path("symbol").asText().equals(symbol)) {
                return r.path("reason").asText();
            }
        }
        return null;
    }

    @Test
    void headerTokenAndPerSymbolEntitlementsInTheAck() throws Exception {
        String pro = RestSecurityTest.access(RestSecurityTest.createKey("pro", List.of()));
        try (Client c = new Client(pro)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"ATW.CSE\"]}");
            JsonNode ack = c.type("subscribed");
            assertThat(ack.path("symbols").toString()).isEqualTo("[\"AAPL\"]");
            assertThat(rejectedReason(ack, "ATW.CSE")).isEqualTo("not entitled: real-time CSE (realtime-cse)");
            c.send("{\"action\":\"subscribe\",\"channel\":\"level2\",\"symbols\":[\"MSFT\"]}");
            assertThat(c.type("subscribed").path("symbols").toString()).isEqualTo("[\"MSFT\"]");
        }
        String demo = RestSecurityTest.access(AuthOnProfile.DEMO_KEY);
        try (Client c = new Client(demo)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"ATW.CSE\"]}");
            assertThat(c.type("subscribed").path("symbols").toString()).isEqualTo("[\"ATW.CSE\"]");
        }
    }

    @Test
    void freePlanGetsNoRealTimeChannels() throws Exception {
        String free = RestSecurityTest.access(RestSecurityTest.createKey("free", List.of()));
        try (Client c = new Client(free)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}");
            JsonNode ack = c.type("subscribed");
            assertThat(ack.path("symbols")).isEmpty();
            assertThat(rejectedReason(ack, "AAPL")).isEqualTo("not entitled: real-time");
            c.send("{\"action\":\"subscribe\",\"channel\":\"level2\",\"symbols\":[\"AAPL\"]}");
            assertThat(rejectedReason(c.type("subscribed"), "AAPL")).isEqualTo("not entitled: level2 (pro plan)");
            c.send("{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":0}");
            assertThat(c.type("error").path("code").asText()).isEqualTo("not_entitled");
            c.send("{\"action\":\"subscribe\",\"channel\":\"status\",\"markets\":[\"NYSE\"]}");
            assertThat(c.type("subscribed").path("markets").toString()).isEqualTo("[\"NYSE\"]");
        }
    }

    @Test
    void firstMessageAuthentication() throws Exception {
        try (Client c = new Client(null)) {
            c.send("{\"action\":\"auth\",\"token\":\"" + RestSecurityTest.access(AuthOnProfile.DEMO_KEY) + "\"}");
            JsonNode ok = c.type("authenticated");
            assertThat(ok.path("plan").asText()).isEqualTo("pro");
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}");
            assertThat(c.type("subscribed").path("symbols").toString()).isEqualTo("[\"AAPL\"]");
        }
    }

    @Test
    void unauthenticatedSocketsAreClosedWith4003() throws Exception {
        try (Client c = new Client(null)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}");
            assertThat(c.type("error").path("code").asText()).isEqualTo("unauthenticated");
            assertThat(c.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4003);
        }
        try (Client c = new Client(null)) {
            // silent: closed after mde.auth.ws-auth-timeout (2 s here)
            assertThat(c.closed.get(6, TimeUnit.SECONDS).getCode()).isEqualTo(4003);
            assertThat(c.type("error").path("code").asText()).isEqualTo("unauthenticated");
        }
        try (Client c = new Client(null)) {
            c.send("{\"action\":\"auth\",\"token\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.\"}");
            assertThat(c.type("error").path("code").asText()).isEqualTo("invalid_token");
            assertThat(c.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4003);
        }
        assertThatThrownBy(() -> new Client("forged.token.here")).isNotNull();
    }

    @Test
    void expiryIsWarnedThenEnforced() throws Exception {
        try (Client c = new Client(RestSecurityTest.access(AuthOnProfile.DEMO_KEY))) {
            JsonNode warning = c.type("token_expiring");
            Instant expiresAt = Instant.parse(warning.path("expiresAt").asText());
            assertThat(warning.path("secondsLeft").asLong()).isBetween(0L, 3L);
            CloseReason reason = c.closed.get(10, TimeUnit.SECONDS);
            assertThat(reason.getCode()).isEqualTo(4004);
            assertThat(c.type("error").path("code").asText()).isEqualTo("token_expired");
            assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
        }
    }

    @Test
    void aNewTokenBeforeExpiryKeepsTheConnection() throws Exception {
        try (Client c = new Client(RestSecurityTest.access(AuthOnProfile.DEMO_KEY))) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}");
            c.type("subscribed");
            Instant first = Instant.parse(c.type("token_expiring").path("expiresAt").asText());
            c.send("{\"action\":\"auth\",\"token\":\"" + RestSecurityTest.access(AuthOnProfile.DEMO_KEY) + "\"}");
            Instant second = Instant.parse(c.type("authenticated").path("expiresAt").asText());
            assertThat(second).isAfter(first);
            // past the first token's expiry: still open and answering
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), first).toMillis()) + 1500);
            assertThat(c.closed).isNotDone();
            c.send("{\"action\":\"ping\"}");
            assertThat(c.type("pong")).isNotNull();
            // a token of another client is refused without closing
            String other = RestSecurityTest.access(AuthOnProfile.ADMIN_KEY);
            c.send("{\"action\":\"auth\",\"token\":\"" + other + "\"}");
            assertThat(c.type("error").path("code").asText()).isEqualTo("subject_mismatch");
        }
    }

    @Test
    void revokingTheKeyClosesItsLiveStreamsWith4005() throws Exception {
        io.restassured.path.json.JsonPath key = RestSecurityTest.createKey("desk-ws-revoked-" + System.nanoTime(), "pro", List.of());
        String token = RestSecurityTest.access(key.getString("apiKey"));
        try (Client c = new Client(token)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}");
            assertThat(c.type("subscribed").path("symbols").toString()).isEqualTo("[\"AAPL\"]");
            long revokedAt = System.nanoTime();
            RestSecurityTest.revokeKey(key.getString("id"));
            // checked once a second, well before the token's own expiry (6 s here)
            CloseReason reason = c.closed.get(4, TimeUnit.SECONDS);
            assertThat(reason.getCode()).isEqualTo(4005);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(3));
            assertThat(c.type("error").path("code").asText()).isEqualTo("key_revoked");
        }
        // and the same token cannot open a new one
        assertThatThrownBy(() -> new Client(token)).isNotNull();
    }

    @Test
    void reAuthWithFewerEntitlementsDropsTheSubscriptionsNoLongerAllowed() throws Exception {
        String owner = "desk-downgrade-" + System.nanoTime();
        String cse = RestSecurityTest.createKey(owner, "pro", List.of("realtime-cse")).getString("apiKey");
        String plainPro = RestSecurityTest.createKey(owner, "pro", List.of()).getString("apiKey");
        String free = RestSecurityTest.createKey(owner, "free", List.of()).getString("apiKey");
        try (Client c = new Client(RestSecurityTest.access(cse))) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"ATW.CSE\",\"AAPL\"]}");
            assertThat(c.type("subscribed").path("symbols").toString()).isEqualTo("[\"ATW.CSE\",\"AAPL\"]");
            c.send("{\"action\":\"subscribe\",\"channel\":\"status\",\"markets\":[\"NYSE\"]}");
            c.type("subscribed");
            // same client, a key without real-time Casablanca: ATW.CSE goes, AAPL stays
            c.send("{\"action\":\"auth\",\"token\":\"" + RestSecurityTest.access(plainPro) + "\"}");
            assertThat(c.type("authenticated").path("plan").asText()).isEqualTo("pro");
            JsonNode dropped = c.type("unsubscribed");
            assertThat(dropped.path("channel").asText()).isEqualTo("trades");
            assertThat(dropped.path("rejected")).hasSize(1);
            assertThat(rejectedReason(dropped, "ATW.CSE")).isEqualTo("not entitled: real-time CSE (realtime-cse)");
            // AAPL is still subscribed (an unsubscribe of it is acknowledged), ATW.CSE no longer is
            c.send("{\"action\":\"unsubscribe\",\"channel\":\"trades\",\"symbols\":[\"AAPL\",\"ATW.CSE\"]}");
            JsonNode ack = c.type("unsubscribed");
            assertThat(ack.path("symbols").toString()).isEqualTo("[\"AAPL\"]");
            assertThat(rejectedReason(ack, "ATW.CSE")).isEqualTo("not subscribed");
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"MSFT\"]}");
            c.type("subscribed");
            // down to free: the real-time subscription goes, the market status stays
            c.send("{\"action\":\"auth\",\"token\":\"" + RestSecurityTest.access(free) + "\"}");
            assertThat(c.type("authenticated").path("plan").asText()).isEqualTo("free");
            JsonNode second = c.type("unsubscribed");
            assertThat(second.path("channel").asText()).isEqualTo("level1");
            assertThat(rejectedReason(second, "MSFT")).isEqualTo("not entitled: real-time");
            c.send("{\"action\":\"unsubscribe\",\"channel\":\"status\",\"markets\":[\"NYSE\"]}");
            assertThat(c.type("unsubscribed").path("markets").toString()).isEqualTo("[\"NYSE\"]");
        }
    }
    @Test
    void anApiKeyAtTheHandshakeInEachPlaceHasNoExpiryAndEndsWithItsRevocation() throws Exception {
        io.restassured.path.json.JsonPath key = RestSecurityTest.createKey("desk-ws-key-" + System.nanoTime(), "pro", List.of());
        String secret = key.getString("apiKey");
        try (Client bearer = new Client(secret);
             Client header = new Client("/api/v1/stream", Map.of("X-API-Key", secret));
             Client query = new Client("/api/v1/stream?apiKey=" + secret, Map.of())) {
            for (Client c : List.of(bearer, header, query)) {
                c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"ATW.CSE\"]}");
                JsonNode ack = c.type("subscribed");
                assertThat(ack.path("symbols").toString()).isEqualTo("[\"AAPL\"]");
                assertThat(rejectedReason(ack, "ATW.CSE")).isEqualTo("not entitled: real-time CSE (realtime-cse)");
            }
            // longer than an access token lives here (6 s) plus its warning: a key neither warns nor expires
            Thread.sleep(7_500);
            for (Client c : List.of(bearer, header, query)) {
                assertThat(c.closed).isNotDone();
                assertThat(c.received).noneMatch(m -> m.path("type").asText().equals("token_expiring"));
                c.send("{\"action\":\"ping\"}");
                assertThat(c.type("pong")).isNotNull();
            }
            long revokedAt = System.nanoTime();
            RestSecurityTest.revokeKey(key.getString("id"));
            for (Client c : List.of(bearer, header, query)) {
                assertThat(c.closed.get(4, TimeUnit.SECONDS).getCode()).isEqualTo(4005);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(3));
        }
        // and the revoked key opens nothing any more, in any place
        assertThatThrownBy(() -> new Client(secret)).isNotNull();
        assertThatThrownBy(() -> new Client("/api/v1/stream", Map.of("X-API-Key", secret))).isNotNull();
        assertThatThrownBy(() -> new Client("/api/v1/stream?apiKey=" + secret, Map.of())).isNotNull();
        assertThatThrownBy(() -> new Client("/api/v1/stream?apiKey=mde_unknown", Map.of())).isNotNull();
    }

    @Test
    void anApiKeyInTheFirstMessage() throws Exception {
        String free = RestSecurityTest.createKey("free", List.of());
        try (Client c = new Client(null)) {
            c.send("{\"action\":\"auth\",\"token\":\"" + free + "\"}");
            // sent at once, before the answer: it waits for the key lookup and is then handled
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}");
            JsonNode ok = c.type("authenticated");
            assertThat(ok.path("plan").asText()).isEqualTo("free");
            assertThat(ok.path("credential").asText()).isEqualTo("api_key");
            assertThat(ok.has("expiresAt")).isFalse();
            assertThat(rejectedReason(c.type("subscribed"), "AAPL")).isEqualTo("not entitled: real-time");
        }
        try (Client c = new Client(null)) {
            c.send("{\"action\":\"auth\",\"apiKey\":\"" + AuthOnProfile.DEMO_KEY + "\"}");
            assertThat(c.type("authenticated").path("plan").asText()).isEqualTo("pro");
            c.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"ATW.CSE\"]}");
            assertThat(c.type("subscribed").path("symbols").toString()).isEqualTo("[\"ATW.CSE\"]");
        }
        // an unknown key, or two different credentials, end the unauthenticated connection with 4003
        try (Client c = new Client(null)) {
            c.send("{\"action\":\"auth\",\"token\":\"mde_never-issued\"}");
            assertThat(c.type("error").path("code").asText()).isEqualTo("invalid_token");
            assertThat(c.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4003);
        }
        try (Client c = new Client(null)) {
            c.send("{\"action\":\"auth\",\"token\":\"" + free + "\",\"apiKey\":\"" + AuthOnProfile.DEMO_KEY + "\"}");
            assertThat(c.type("error").path("code").asText()).isEqualTo("invalid_request");
            assertThat(c.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4003);
        }
    }
}
