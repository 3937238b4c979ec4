package com.tradesense.marketdata.realtime.ws;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /api/v1/stream}: the real-time API (API.md "WebSocket API"). Thin: every callback runs on the
 * connection's event loop and hands over to {@link StreamSessions}.
 */
@WebSocket(path = "/api/v1/stream")
public class StreamEndpoint {
    private final StreamSessions sessions;

    public StreamEndpoint(StreamSessions sessions) {
        this.sessions = sessions;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        sessions.open(connection);
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String message) {
        sessions.text(connection, message);
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer message) {
        sessions.binary(connection);
    }

    @OnPongMessage
    @NonBlocking
    void pong(WebSocketConnection connection, Buffer data) {
        sessions.seen(connection);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        sessions.closed(connection);
    }
}
