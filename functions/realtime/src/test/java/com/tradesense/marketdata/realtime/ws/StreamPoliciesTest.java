package com.tradesense.marketdata.realtime.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamHub;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and back-pressure: server pings, heartbeat timeout, slow consumers closed without hurting others. */
@QuarkusTest
class StreamPoliciesTest {
    private static final String SYMBOLS = "[\"AAPL\",\"MSFT\",\"IBM\",\"KO\",\"PEP\",\"JPM\",\"XOM\",\"CVX\",\"WMT\",\"T\","
            + "\"GE\",\"F\",\"GM\",\"BA\",\"CAT\",\"DE\",\"MMM\",\"HD\",\"LOW\",\"NKE\"]";

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    StreamHub hub;

    @Test
    void theServerPingsAndClosesAClientThatNeverAnswersWith4002() throws Exception {
        try (RawWs raw = new RawWs(base, 0)) {
            boolean pinged = false;
            RawWs.WsFrame f;
            while ((f = raw.read()) != null && f.opcode() != 0x8) {
                pinged |= f.opcode() == 0x9;
            }
            assertThat(pinged).isTrue();
            assertThat(f).isNotNull();
            assertThat(f.closeCode()).isEqualTo(CloseCodes.HEARTBEAT_TIMEOUT);
        }
    }

    @Test
    void aClientThatAnswersPingsStaysOpen() throws Exception {
        try (WsClient c = new WsClient(base)) {
            Thread.sleep(4_500); // past the 3 s heartbeat timeout, saying nothing but pongs
            assertThat(c.connection.isOpen()).isTrue();
            c.send("{\"action\":\"ping\"}");
            c.nextOfType("pong");
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith4001AndOthersAreUnaffected() throws Exception {
        StreamCounters counters = hub.counters();
        long closesBefore = counters.slowConsumerCloseCount();
        long droppedBefore = counters.droppedCount(Channel.LEVEL2, StreamCounters.Drop.QUEUE_FULL)
                + counters.droppedCount(Channel.TRADES, StreamCounters.Drop.QUEUE_FULL);
        long conflatedBefore = counters.droppedCount(Channel.LEVEL1, StreamCounters.Drop.CONFLATED);
        try (WsClient healthy = new WsClient(base); RawWs stuck = new RawWs(base, 2048)) {
            healthy.send("{\"action\":\"subscribe\",\"channel\":\"level2\",\"symbols\":[\"AAPL\"]}");
            for (String ch : List.of("level1", "level2", "trades")) {
                stuck.sendText("{\"action\":\"subscribe\",\"channel\":\"" + ch + "\",\"symbols\":" + SYMBOLS + "}");
            }
            // the stuck client reads nothing but keeps talking (so this is not a heartbeat timeout);
            // the healthy one must see every AAPL book update, in order
            Thread talker = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        stuck.sendText("{\"action\":\"ping\"}");
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server, or the test is over
                }
            });
            talker.start();
            List<JsonNode> got = healthy.during(Duration.ofSeconds(8));
            talker.interrupt();
            talker.join();
            List<Long> seqs = new ArrayList<>();
            for (JsonNode m : got) {
                if ("AAPL".equals(m.path("symbol").asText()) && m.has("seq")) {
                    seqs.add(m.path("seq").asLong());
                }
            }
            assertThat(seqs.size()).as("AAPL book updates seen").isGreaterThan(20);
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(0) + i);
            }
            // now read what was stuck in the pipe: it ends with the slow-consumer close
            RawWs.WsFrame f;
            RawWs.WsFrame close = null;
            try {
                while ((f = stuck.read()) != null) {
                    if (f.opcode() == 0x8) {
                        close = f;
                        break;
                    }
                }
            } catch (SocketException reset) {
                // the server may drop the TCP connection after its close timeout: also a close
            } catch (IOException e) {
                throw e;
            }
            if (close != null) {
                assertThat(close.closeCode()).isEqualTo(CloseCodes.SLOW_CONSUMER);
            }
            assertThat(stuck.read()).isNull();
        }
        // what the operators see of it (mde_stream_slow_consumer_closes_total, mde_stream_dropped_messages_total)
        assertThat(counters.slowConsumerCloseCount()).isGreaterThan(closesBefore);
        assertThat(counters.droppedCount(Channel.LEVEL2, StreamCounters.Drop.QUEUE_FULL)
                + counters.droppedCount(Channel.TRADES, StreamCounters.Drop.QUEUE_FULL)).isGreaterThan(droppedBefore);
        assertThat(counters.droppedCount(Channel.LEVEL1, StreamCounters.Drop.CONFLATED)).isGreaterThan(conflatedBefore);
    }
}
