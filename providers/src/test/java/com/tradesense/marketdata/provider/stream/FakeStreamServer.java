package com.tradesense.marketdata.provider.stream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A vendor's WebSocket faked on a real Vert.x server: remembers the connections (with their request URI)
 * and the text frames clients sent, and lets a test push vendor-shaped frames, fall silent, or drop the
 * connection.
 */
final class FakeStreamServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    final List<ServerWebSocket> connections = new CopyOnWriteArrayList<>();
    final List<String> uris = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();

    FakeStreamServer() throws Exception {
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            uris.add(ws.uri());
            ws.textMessageHandler(received::add);
            connections.add(ws);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url() {
        return "ws://127.0.0.1:" + server.actualPort() + "/";
    }

    ServerWebSocket latest() {
        return connections.get(connections.size() - 1);
    }

    void send(String text) throws Exception {
        latest().writeTextMessage(text).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Drops the latest connection at the TCP level, without a close handshake. */
    void drop() throws Exception {
        latest().close((short) 1011, "going away").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static String resource(String name) {
        try (InputStream in = FakeStreamServer.class.getClassLoader().getResourceAsStream("vendors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource vendors/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
