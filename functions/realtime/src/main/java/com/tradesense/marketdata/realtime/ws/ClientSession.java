package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.stream.SessionOutbox;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamHub;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;

import com.tradesense.marketdata.access.ClientIdentity;

import java.time.Instant;

import java.util.List;
import java.util.Set;

/**
 * One client connection: its outbox and the writer that drains it onto the socket, its subscriptions
 * and its liveness. Everything but {@link SessionOutbox#deliver} (called on the publisher's thread) runs
 * on the connection's event loop, so the fields need no locking.
 *
 * <p>Its {@link FrameWriter} puts the outbox on the socket: the raw Netty path, or {@code sendText} where
 * that path failed its start-up self-test or this connection's channel cannot be reached ({@link FrameWriters}).
 */
final class ClientSession {
    final WebSocketConnection connection;
    final SessionOutbox outbox;
    /** "channel|key" of every subscription (keys are symbols or market codes). */
    final Set<String> subscriptions = new SubscriptionKeys();
    private final Context context;
    private final StreamHub hub;
    private final FrameWriter writer;
    private final Runnable resume = this::drain;
    private final int maxBadMessages;
    /** Times of the last bad messages; made on the first one (most connections never send any). */
    private long[] badMessageTimes;
    private int badMessages;
    private boolean closed;
    volatile long lastSeenNanos = System.nanoTime();
    /** Who is connected; null until authenticated (always null with mde.auth.enabled=false). */
    ClientIdentity identity;
    /** The API key the connection's token was issued from (checked for revocation every second). */
    String apiKeyId;
    /** When the access token that authenticated this connection expires; null for an API key (no expiry). */
    Instant tokenExpiresAt;
    /**
     * An API key is being looked up in the store (handshake or {@code auth} message): the client's messages meanwhile
     * wait in {@link #held} and are handled, in order, once it is settled.
     */
    boolean authPending;
    /** Messages received while {@link #authPending}; made on first use (most connections never need it). */
    java.util.ArrayDeque<String> held;
    /** The token_expiring warning went out for the current token. */
    boolean expiryWarned;
    /** Unauthenticated connections are closed after this (System.nanoTime). */
    long authDeadlineNanos = Long.MAX_VALUE;
    long lastPingNanos = System.nanoTime();

    ClientSession(WebSocketConnection connection, Context context, StreamHub hub, FrameWriters writers, int queue,
                  int controlQueue, int maxBadMessages) {
        this.connection = connection;
        this.context = context;
        this.hub = hub;
        this.maxBadMessages = Math.max(1, maxBadMessages);
        this.outbox = new SessionOutbox(queue, controlQueue, () -> context.runOnContext(v -> drain()), hub.counters());
        this.writer = writers.writerFor(connection);
    }

    /** Runs a task on this connection's event loop. */
    void onContext(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Writes queued messages while the socket keeps up. Event loop only. */
    void drain() {
        if (closed) {
            return;
        }
        writer.drain(outbox, resume);
        List<SessionOutbox.Key> due = outbox.resnapshotsDue();
        for (SessionOutbox.Key k : due) {
            if (!hub.resnapshot(outbox, k.symbol(), k.channel())) {
                outbox.forget(k);
            }
        }
    }

    /** Records a bad message; true when the client has now sent too many within {@code windowNanos}. */
    boolean badMessage(long windowNanos) {
        long now = System.nanoTime();
        if (badMessageTimes == null) {
            badMessageTimes = new long[maxBadMessages];
        }
        int slot = badMessages++ % badMessageTimes.length;
        long oldest = badMessageTimes[slot];
        badMessageTimes[slot] = now;
        return badMessages > badMessageTimes.length && now - oldest < windowNanos;
    }

    void send(String control) {
        if (!outbox.offerControl(control)) {
            close(CloseCodes.ABUSE, "not reading its messages");
        }
    }

    void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        outbox.close(code == CloseCodes.SLOW_CONSUMER ? StreamCounters.Drop.SLOW_CONSUMER : StreamCounters.Drop.CLOSED);
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(v -> { }, t -> { });
        }
    }

    /**
     * Sends {@code last} straight to the socket (not through the outbox, whose queue a close discards) and then
     * closes: the client learns why before the close frame.
     */
    void closeWith(String last, int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        outbox.close();
        if (connection.isOpen()) {
            connection.sendText(last).subscribe().with(
                    v -> connection.close(new CloseReason(code, reason)).subscribe().with(x -> { }, t -> { }),
                    t -> connection.close(new CloseReason(code, reason)).subscribe().with(x -> { }, e -> { }));
        }
    }

    /** True when frames go straight to the Netty channel (the fast path), false on the sendText fallback. */
    boolean writesToChannel() {
        return writer.raw();
    }

    boolean isClosed() {
        return closed;
    }
}
