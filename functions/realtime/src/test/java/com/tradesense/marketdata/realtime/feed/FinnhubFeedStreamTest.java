package com.tradesense.marketdata.realtime.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.provider.stream.UpstreamFeed;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realtime function with the Finnhub trade stream switched on, pointed at a fake Finnhub (a real Vert.x
 * WebSocket server sending Finnhub-shaped frames): a real client subscribed to AAPL trades gets the vendor's
 * trades in sequence (the simulator steps aside for AAPL), and a dropped vendor connection comes back with
 * a book reset.
 */
@QuarkusTest
@TestProfile(FinnhubFeedStreamTest.FinnhubOn.class)
class FinnhubFeedStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fake vendor, started before the application so that its URL can be configured. */
    static final class FakeFinnhub {
        static final Vertx VERTX = Vertx.vertx();
        static final List<ServerWebSocket> CONNECTIONS = new CopyOnWriteArrayList<>();
        static final List<String> URIS = new CopyOnWriteArrayList<>();
        static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
        static final HttpServer SERVER;

        static {
            try {
                SERVER = VERTX.createHttpServer().webSocketHandler(ws -> {
                    URIS.add(ws.uri());
                    ws.textMessageHandler(RECEIVED::add);
                    CONNECTIONS.add(ws);
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static ServerWebSocket latest() {
            return CONNECTIONS.get(CONNECTIONS.size() - 1);
        }

        static void send(String text) throws Exception {
            latest().writeTextMessage(text).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    public static class FinnhubOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mde.provider.finnhub.stream.enabled", "true",
                    "mde.provider.finnhub.stream.url", "ws://127.0.0.1:" + FakeFinnhub.SERVER.actualPort() + "/",
                    "mde.provider.finnhub.stream.silence-ms", "60000",
                    "mde.provider.finnhub.api-key", "test-key");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveFeeds feeds;

    @Inject
    RouterHealth health;

    @AfterAll
    static void stopFake() throws Exception {
        FakeFinnhub.VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void subscribedClientsGetTheVendorsTradesInSequenceAndAReconnectResetsTheBook() throws Exception {
        assertThat(feeds.configured()).isTrue();
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocketClientConnection client = BasicWebSocketConnector.create().baseUri(base).path("/api/v1/stream")
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((c, m) -> {
                    try {
                        received.add(JSON.readTree(m));
                    } catch (Exception e) {
                        received.add(JSON.getNodeFactory().textNode("UNPARSEABLE " + m));
                    }
                })
                .connectAndAwait();
        try {
            client.sendTextAndAwait("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"AAPL\"]}");
            client.sendTextAndAwait("{\"action\":\"subscribe\",\"channel\":\"level2\",\"symbols\":[\"AAPL\"]}");
            await(() -> FakeFinnhub.RECEIVED.contains("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}"), "the feed subscribed AAPL");
            assertThat(FakeFinnhub.URIS.get(0)).isEqualTo("/?token=test-key");
            UpstreamFeed feed = feeds.feeds().get(0);
            assertThat(feed.provider()).isEqualTo("finnhub");
            assertThat(feed.symbols()).contains("AAPL");
            assertThat(feeds.covers("AAPL")).isTrue();
            drain(received, Duration.ofMillis(300)); // simulated trades in flight before it stepped aside

            double[] prices = {187.5, 187.52, 187.49, 187.55};
            for (int i = 0; i < prices.length; i++) {
                FakeFinnhub.send("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":" + prices[i]
                        + ",\"t\":" + (1700000000000L + i) + ",\"v\":100,\"c\":[\"1\"]}]}");
            }
            List<JsonNode> trades = new ArrayList<>();
            while (trades.size() < prices.length) {
                trades.add(next(received, m -> "trades".equals(m.path("type").asText()) && "AAPL".equals(m.path("symbol").asText())));
            }
            for (int i = 0; i < prices.length; i++) {
                assertThat(trades.get(i).path("price").asDouble()).as("trade %d from the vendor", i).isEqualTo(prices[i]);
                assertThat(trades.get(i).path("size").asLong()).isEqualTo(100);
                assertThat(trades.get(i).path("t").asLong()).isEqualTo(1700000000000L + i);
                if (i > 0) {
                    assertThat(trades.get(i).path("seq").asLong()).isEqualTo(trades.get(i - 1).path("seq").asLong() + 1);
                }
            }
            assertThat(drain(received, Duration.ofMillis(300)))
                    .as("no simulated AAPL trade once the vendor streams it")
                    .noneMatch(m -> "trades".equals(m.path("type").asText()));
            assertThat(feed.state()).isEqualTo(UpstreamFeed.FeedState.LIVE);
            assertThat(health.feedProblem("finnhub")).isEmpty();

            // the vendor drops the connection: the feed reconnects, resubscribes, and the book is reset
            FakeFinnhub.latest().close((short) 1011, "going away").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            await(() -> FakeFinnhub.CONNECTIONS.size() == 2 && FakeFinnhub.RECEIVED.stream()
                    .filter("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}"::equals).count() == 2, "reconnected and resubscribed");
            JsonNode reset = next(received, m -> "level2".equals(m.path("type").asText()) && m.path("reset").asBoolean(false));
            assertThat(reset.path("symbol").asText()).isEqualTo("AAPL");
            assertThat(reset.path("bids").size()).isPositive();
            FakeFinnhub.send("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":188.0,\"t\":1700000001000,\"v\":50,\"c\":[\"1\"]}]}");
            JsonNode after = next(received, m -> "trades".equals(m.path("type").asText()));
            assertThat(after.path("price").asDouble()).isEqualTo(188.0);
            assertThat(after.path("seq").asLong()).isEqualTo(trades.get(prices.length - 1).path("seq").asLong() + 1);
            // degraded while disconnected, live again (in the providers' health) once the vendor is heard from
            await(() -> feed.state() == UpstreamFeed.FeedState.LIVE && health.feedProblem("finnhub").isEmpty(), "live again");
        } finally {
            client.closeAndAwait();
        }
    }

    private static JsonNode next(BlockingQueue<JsonNode> q, Predicate<JsonNode> p) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            long left = end - System.nanoTime();
            JsonNode m = left > 0 ? q.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no matching message within 10 s");
            }
            if (p.test(m)) {
                return m;
            }
        }
    }

    private static List<JsonNode> drain(BlockingQueue<JsonNode> q, Duration d) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long end = System.nanoTime() + d.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            JsonNode m = q.poll(left, TimeUnit.NANOSECONDS);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
