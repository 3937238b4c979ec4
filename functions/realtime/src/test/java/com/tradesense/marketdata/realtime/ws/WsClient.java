package com.tradesense.marketdata.realtime.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client: collects every message in a queue; the assertions run outside the callbacks. */
final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final WebSocketClientConnection connection;

    WsClient(URI base) {
        connection = BasicWebSocketConnector.create().baseUri(base).path("/api/v1/stream")
                // on the event loop: in order (the default runs callbacks on worker threads)
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((c, m) -> {
                    try {
                        received.add(JSON.readTree(m));
                    } catch (Exception e) {
                        received.add(JSON.getNodeFactory().textNode("UNPARSEABLE " + m));
                    }
                })
                .onClose((c, r) -> closed.complete(r))
                .connectAndAwait();
    }

    void send(String text) {
        connection.sendTextAndAwait(text);
    }

    /** The next message matching {@code p}, skipping (and keeping in {@code skipped} if given) the others. */
    JsonNode next(Predicate<JsonNode> p, Duration timeout, List<JsonNode> skipped) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            JsonNode m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no matching message within " + timeout + "; skipped " + (skipped == null ? "?" : skipped.size()));
            }
            if (p.test(m)) {
                return m;
            }
            if (skipped != null) {
                skipped.add(m);
            }
        }
    }

    JsonNode next(Predicate<JsonNode> p) throws InterruptedException {
        return next(p, Duration.ofSeconds(10), null);
    }

    JsonNode nextOfType(String type) throws InterruptedException {
        return next(m -> type.equals(m.path("type").asText()));
    }

    /** Every message received within {@code d}. */
    List<JsonNode> during(Duration d) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long end = System.nanoTime() + d.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            JsonNode m = received.poll(left, TimeUnit.NANOSECONDS);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (connection.isOpen()) {
            connection.closeAndAwait();
        }
    }
}
