package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.stream.SessionOutbox;
import com.tradesense.marketdata.stream.StreamHub;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One client connection: its outbox and the writer that drains it onto the socket, its subscriptions
 * and its liveness. Everything but {@link SessionOutbox#deliver} (called on the publisher's thread) runs
 * on the connection's event loop, so the fields need no locking.
 *
 * <p>The writer keeps at most {@code maxInflight} frames written but not yet flushed by the socket; past
 * that it waits for completions, and the outbox fills up: that is where the slow-consumer policy acts.
 */
final class ClientSession {
    final WebSocketConnection connection;
    final SessionOutbox outbox;
    /** "channel|key" of every subscription (keys are symbols or market codes). */
    final Set<String> subscriptions = new HashSet<>();
    private final Context context;
    private final StreamHub hub;
    private final int maxInflight;
    private final String[] batch = new String[64];
    private final long[] badMessageTimes;
    private int badMessages;
    private int inflight;
    private boolean stalled;
    private boolean closed;
    volatile long lastSeenNanos = System.nanoTime();
    long lastPingNanos = System.nanoTime();

    ClientSession(WebSocketConnection connection, Context context, StreamHub hub, int queue, int controlQueue,
                  int maxInflight, int maxBadMessages) {
        this.connection = connection;
        this.context = context;
        this.hub = hub;
        this.maxInflight = maxInflight;
        this.badMessageTimes = new long[Math.max(1, maxBadMessages)];
        this.outbox = new SessionOutbox(queue, controlQueue, () -> context.runOnContext(v -> drain()));
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
        while (inflight < maxInflight) {
            int n = outbox.drain(batch, Math.min(batch.length, maxInflight - inflight));
            if (n == 0) {
                stalled = false;
                break;
            }
            for (int i = 0; i < n; i++) {
                String text = batch[i];
                batch[i] = null;
                inflight++;
                connection.sendText(text).subscribe().with(this::sent, this::failed);
            }
        }
        if (inflight >= maxInflight) {
            stalled = true;
        }
        List<SessionOutbox.Key> due = outbox.resnapshotsDue();
        for (SessionOutbox.Key k : due) {
            if (!hub.resnapshot(outbox, k.symbol(), k.channel())) {
                outbox.forget(k);
            }
        }
    }

    private void sent(Void ignored) {
        inflight--;
        if (stalled && inflight <= maxInflight / 2) {
            stalled = false;
            drain();
        }
    }

    private void failed(Throwable t) {
        inflight--;
    }

    /** Records a bad message; true when the client has now sent too many within {@code windowNanos}. */
    boolean badMessage(long windowNanos) {
        long now = System.nanoTime();
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
        outbox.close();
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(v -> { }, t -> { });
        }
    }

    boolean isClosed() {
        return closed;
    }
}
