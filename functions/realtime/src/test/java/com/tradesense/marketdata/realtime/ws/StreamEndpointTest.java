package com.tradesense.marketdata.realtime.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.Window;
import com.tradesense.marketdata.realtime.config.StreamConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.CloseReason;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream protocol, over a real WebSocket connection to the running function. */
@QuarkusTest
class StreamEndpointTest {
    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    StreamSessions sessions;

    @jakarta.inject.Inject
    StreamConfig config;

    private static boolean isData(JsonNode m, String symbol) {
        return symbol.equals(m.path("symbol").asText()) && m.has("seq");
    }

    @Test
    void subscribeAcksAcceptedAndRejectedThenSnapshotThenUpdatesInSequence() throws Exception {
        try (WsClient c = new WsClient(base)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"atw.cse\",\"NOPE_1\",\"AAPL\"]}");
            JsonNode ack = c.nextOfType("subscribed");
            assertThat(ack.path("channel").asText()).isEqualTo("level1");
            assertThat(ack.path("symbols").toString()).isEqualTo("[\"AAPL\",\"ATW.CSE\"]");
            assertThat(ack.path("rejected").toString()).isEqualTo("[{\"symbol\":\"NOPE_1\",\"reason\":\"unknown symbol\"}]");
            assertThat(sessions.writingToChannel()).as("fast path in use").isEqualTo(sessions.size());
            JsonNode first = c.next(m -> isData(m, "AAPL"));
            assertThat(first.path("type").asText()).isEqualTo("snapshot");
            assertThat(first.path("channel").asText()).isEqualTo("level1");
            assertThat(first.path("status").asText()).isNotEmpty();
            assertThat(first.path("level1").path("last").asDouble()).isBetween(50.0, 1000.0);
            long seq = first.path("seq").asLong();
            for (int i = 0; i < 5; i++) {
                JsonNode u = c.next(m -> isData(m, "AAPL"));
                assertThat(u.path("type").asText()).isEqualTo("level1");
                assertThat(u.path("seq").asLong()).isEqualTo(++seq);
                assertThat(u.path("t").asLong()).isPositive();
                assertThat(u.path("bid").asDouble()).isLessThan(u.path("ask").asDouble());
            }
            c.send("{\"action\":\"unsubscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
            JsonNode unack = c.nextOfType("unsubscribed");
            assertThat(unack.path("symbols").toString()).isEqualTo("[\"AAPL\"]");
            assertThat(unack.path("rejected").get(0).path("reason").asText()).isEqualTo("not subscribed");
            c.during(Duration.ofMillis(200)); // in flight before the unsubscribe
            assertThat(c.during(Duration.ofMillis(500))).noneMatch(m -> isData(m, "AAPL"));
        }
    }

    @Test
    void levelTwoSnapshotPlusDeltasRebuildsAnUncrossedBookAndTradesAreSequenced() throws Exception {
        try (WsClient c = new WsClient(base)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"level2\",\"symbols\":[\"MSFT\"]}");
            c.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"MSFT\"]}");
            List<JsonNode> all = c.during(Duration.ofSeconds(2));
            Map<String, Long> expected = new HashMap<>();
            java.util.TreeMap<Double, Long> bids = new java.util.TreeMap<>();
            java.util.TreeMap<Double, Long> asks = new java.util.TreeMap<>();
            int deltas = 0;
            int trades = 0;
            for (JsonNode m : all) {
                if (!isData(m, "MSFT")) {
                    continue;
                }
                String type = m.path("type").asText();
                String channel = "snapshot".equals(type) ? m.path("channel").asText() : type;
                long seq = m.path("seq").asLong();
                if ("snapshot".equals(type)) {
                    assertThat(expected).doesNotContainKey(channel);
                } else {
                    assertThat(seq).as(channel).isEqualTo(expected.get(channel) + 1);
                }
                expected.put(channel, seq);
                if ("snapshot".equals(type) && "level2".equals(channel)) {
                    load(m.path("book").path("bids"), bids, true);
                    load(m.path("book").path("asks"), asks, true);
                } else if ("level2".equals(type)) {
                    deltas++;
                    load(m.path("bids"), bids, m.path("reset").asBoolean());
                    load(m.path("asks"), asks, m.path("reset").asBoolean());
                    assertThat(bids.lastKey()).as("crossed book").isLessThan(asks.firstKey());
                } else if ("trades".equals(type)) {
                    trades++;
                    assertThat(m.path("price").asDouble()).isPositive();
                    assertThat(m.path("side").asText()).isIn("buy", "sell");
                }
            }
            assertThat(expected).containsKeys("level2", "trades");
            assertThat(deltas).isGreaterThan(10);
            assertThat(trades).isPositive();
        }
    }

    private static void load(JsonNode levels, java.util.TreeMap<Double, Long> side, boolean reset) {
        if (reset) {
            side.clear();
        }
        for (JsonNode l : levels) {
            if (l.get(1).asLong() == 0) {
                side.remove(l.get(0).asDouble());
            } else {
                side.put(l.get(0).asDouble(), l.get(1).asLong());
            }
        }
    }

    @Test
    void badInputGetsErrorsWithCodesAndTheConnectionSurvives() throws Exception {
        try (WsClient c = new WsClient(base)) {
            String[][] cases = {
                    {"this is not json", "invalid_json"},
                    {"[1,2]", "invalid_message"},
                    {"{\"channel\":\"level1\"}", "missing_action"},
                    {"{\"action\":\"dance\"}", "unknown_action"},
                    {"{\"action\":\"subscribe\",\"channel\":\"level3\",\"symbols\":[\"AAPL\"]}", "unknown_channel"},
            };
            for (String[] k : cases) {
                c.send(k[0]);
                JsonNode e = c.nextOfType("error");
                assertThat(e.path("code").asText()).as(k[0]).isEqualTo(k[1]);
                assertThat(e.path("message").asText()).isNotBlank();
            }
            c.send("{\"action\":\"ping\"}");
            assertThat(c.nextOfType("pong").path("t").asLong()).isPositive();
            assertThat(c.connection.isOpen()).isTrue();
        }
        try (WsClient c = new WsClient(base)) {
            StringBuilder many = new StringBuilder("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[");
            for (int i = 0; i < 3000; i++) {
                many.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
            }
            c.send(many.append("]}").toString()); // ~25 KB: above the message limit
            assertThat(c.nextOfType("error").path("code").asText()).isEqualTo("message_too_large");
            StringBuilder some = new StringBuilder("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[");
            for (int i = 0; i < 51; i++) {
                some.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
            }
            c.send(some.append("]}").toString());
            assertThat(c.nextOfType("error").path("code").asText()).isEqualTo("too_many_symbols");
            c.connection.sendBinaryAndAwait(new byte[]{1, 2, 3});
            assertThat(c.nextOfType("error").path("code").asText()).isEqualTo("binary_not_supported");
            c.send("{\"action\":\"ping\"}");
            c.nextOfType("pong");
        }
    }

    @Test
    void theSubscriptionLimitRejectsTheRest() throws Exception {
        try (WsClient c = new WsClient(base)) {
            List<String> symbols = List.of("AAPL", "MSFT", "IBM", "KO", "PEP", "JPM", "XOM", "CVX", "WMT", "T");
            for (String ch : List.of("status", "news", "trades", "level2", "level1", "level1")) {
                c.send("{\"action\":\"subscribe\",\"channel\":\"" + ch + "\",\"symbols\":" + json(symbols) + "}");
                c.nextOfType("subscribed");
            }
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"GE\"]}"); // 51st..: limit is 60
            JsonNode ack = c.nextOfType("subscribed");
            // 5 channels x 10 = 50 (level1 twice counts once), GE makes 51: still under 60
            assertThat(ack.path("symbols").toString()).isEqualTo("[\"GE\"]");
            c.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"GE\",\"F\",\"GM\",\"BA\",\"CAT\",\"DE\",\"MMM\",\"HD\",\"LOW\",\"NKE\"]}");
            JsonNode limited = c.nextOfType("subscribed");
            assertThat(limited.path("symbols").size()).isEqualTo(9);
            assertThat(limited.path("rejected").get(0).path("reason").asText()).isEqualTo("limit reached");
        }
    }

    private static String json(List<String> symbols) {
        return "[\"" + String.join("\",\"", symbols) + "\"]";
    }

    @Test
    void marketsSubscribeStatusAndNewsButNotQuotes() throws Exception {
        try (WsClient c = new WsClient(base)) {
            c.send("{\"action\":\"subscribe\",\"channel\":\"status\",\"markets\":[\"NYSE\",\"MARS\"]}");
            JsonNode ack = c.nextOfType("subscribed");
            assertThat(ack.path("markets").toString()).isEqualTo("[\"NYSE\"]");
            assertThat(ack.path("rejected").get(0).path("reason").asText()).isEqualTo("unknown market");
            JsonNode snap = c.nextOfType("snapshot");
            assertThat(snap.path("symbol").asText()).isEqualTo("NYSE");
            assertThat(snap.path("status").asText()).isNotEmpty();
            c.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"markets\":[\"NYSE\"]}");
            assertThat(c.nextOfType("subscribed").path("rejected").get(0).path("reason").asText()).contains("status and news");
        }
    }

    @Test
    void resumeAfterAReconnectHasNoGapAndNoDuplicate() throws Exception {
        List<Long> seqs = new ArrayList<>();
        // another client keeps KO streaming (the simulator streams subscribed symbols only)
        try (WsClient keeper = new WsClient(base)) {
            keeper.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"KO\"]}");
            keeper.nextOfType("subscribed");
            try (WsClient c = new WsClient(base)) {
                c.send("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"KO\"]}");
                for (JsonNode m : c.during(Duration.ofMillis(1500))) {
                    if (isData(m, "KO")) {
                        seqs.add(m.path("seq").asLong());
                    }
                }
            }
            assertThat(seqs.size()).isGreaterThan(2);
            Thread.sleep(700); // trades go on while the client is away
            long from = seqs.get(seqs.size() - 1) + 1;
            try (WsClient c = new WsClient(base)) {
                c.send("{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"KO\",\"fromSeq\":" + from + "}");
                JsonNode ack = c.nextOfType("resumed");
                assertThat(ack.path("snapshot").asBoolean()).isFalse();
                assertThat(ack.path("replayed").asInt()).isPositive();
                for (JsonNode m : c.during(Duration.ofMillis(1000))) {
                    if (isData(m, "KO")) {
                        assertThat(m.path("type").asText()).isEqualTo("trades");
                        seqs.add(m.path("seq").asLong());
                    }
                }
            }
        }
        long first = seqs.get(1);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("message %d", i).isEqualTo(first + i - 1);
        }
        try (WsClient c = new WsClient(base)) {
            c.send("{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"KO\",\"fromSeq\":1000000000}");
            assertThat(c.nextOfType("resumed").path("snapshot").asBoolean()).isTrue();
            assertThat(c.nextOfType("snapshot").path("channel").asText()).isEqualTo("trades");
            c.send("{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"NOPE_1\",\"fromSeq\":1}");
            assertThat(c.nextOfType("error").path("code").asText()).isEqualTo("unknown_symbol");
        }
    }

    @Test
    void aClientThatKeepsSendingGarbageIsClosedWith1008() throws Exception {
        try (WsClient c = new WsClient(base)) {
            for (int i = 0; i < 10 && c.connection.isOpen(); i++) {
                c.send("garbage " + i);
                Thread.sleep(20);
            }
            CloseReason r = c.closed.get(5, TimeUnit.SECONDS);
            assertThat(r.getCode()).isEqualTo(CloseCodes.ABUSE);
        }
    }

    @Test
    void aFloodOfMessagesIsRateLimitedWithAnErrorCode() throws Exception {
        // Judged against the configured token bucket and the time the flood really took, not against a fixed
        // 250 ms: on a loaded machine 45 awaited sends can take longer than the bucket needs to refill 5
        // permits, and then no message is over the limit although the limiter works.
        Window bucket = Quota.parse(config.clientMessageRate()).windows().get(0);
        long burst = bucket.burst();
        try (WsClient c = new WsClient(base)) {
            int sent = 0;
            int pongs = 0;
            JsonNode limited = null;
            long start = System.nanoTime();
            long elapsed = 0;
            while (limited == null && sent < 20 * burst) {
                List<io.smallrye.mutiny.Uni<Void>> batch = new ArrayList<>();
                for (int i = 0; i < burst + 5; i++) { // sent back to back, awaited together
                    batch.add(c.connection.sendText("{\"action\":\"ping\"}"));
                }
                io.smallrye.mutiny.Uni.join().all(batch).andFailFast().await().atMost(Duration.ofSeconds(10));
                sent += batch.size();
                while (limited == null && pongs < sent) {
                    JsonNode m = c.next(x -> "pong".equals(x.path("type").asText()) || "error".equals(x.path("type").asText()),
                            Duration.ofSeconds(5), null);
                    elapsed = System.nanoTime() - start; // every answer so far was decided within this time
                    if ("error".equals(m.path("type").asText())) {
                        limited = m;
                    } else {
                        pongs++;
                    }
                }
            }
            assertThat(limited).as("a rate_limited error after %d messages in %d ms", sent, elapsed / 1_000_000).isNotNull();
            assertThat(limited.path("code").asText()).isEqualTo("rate_limited");
            // the bucket starts full: the whole burst is let through, then at most what it refilled meanwhile
            long refilled = elapsed / bucket.emissionNanos() + 1;
            System.out.printf("FLOOD %d messages allowed in %d ms before rate_limited (burst %d, refill up to %d)%n",
                    pongs, elapsed / 1_000_000, burst, refilled);
            assertThat((long) pongs).isGreaterThanOrEqualTo(burst).isLessThanOrEqualTo(burst + refilled);
        }
    }
}
