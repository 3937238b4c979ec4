package com.tradesense.marketdata.standalone;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-process engine serves the stream too, at any hour: ack, then a snapshot with the last price. */
@QuarkusTest
class StandaloneStreamTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void streamAnswersWithAnAckThenASnapshot() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        WebSocketClientConnection c = BasicWebSocketConnector.create().baseUri(base).path("/api/v1/stream")
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((conn, m) -> got.add(m)).connectAndAwait();
        try {
            c.sendTextAndAwait("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"NOPE_1\"]}");
            assertThat(got.poll(10, TimeUnit.SECONDS)).startsWith("{\"type\":\"subscribed\"").contains("NOPE_1");
            assertThat(got.poll(10, TimeUnit.SECONDS)).startsWith("{\"type\":\"snapshot\",\"channel\":\"level1\",\"symbol\":\"AAPL\"")
                    .contains("\"last\":");
        } finally {
            c.closeAndAwait();
        }
    }
}
