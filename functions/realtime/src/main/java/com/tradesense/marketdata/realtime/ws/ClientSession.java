package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.realtime.metrics.StreamMetrics;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.SessionOutbox;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamHub;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Context;
import org.jboss.logging.Logger;

import com.tradesense.marketdata.access.ClientIdentity;

import java.lang.reflect.Method;
import java.time.Instant;
import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Set;

/**
 * One client connection: its outbox and the writer that drains it onto the socket, its subscriptions
 * and its liveness. Everything but {@link SessionOutbox#deliver} (called on the publisher's thread) runs
 * on the connection's event loop, so the fields need no locking.
 *
 * <p>The writer copies each shared frame's ready-made WebSocket bytes ({@link Frame#wire()}) into one
 * pooled buffer per batch and hands it to the connection's Netty pipeline, with one flush per drain, and stops while the channel is not writable (its outbound buffer is past Netty's high-water
 * mark): the outbox then fills up, and that is where the slow-consumer policy acts. Where the Netty
 * channel cannot be reached (a different WebSocket implementation), it falls back to
 * {@code connection.sendText}, keeping at most {@code maxInflight} unflushed frames.
 *
 * <p>Every frame written is counted, and one in a few timed, on the writer thread's {@link StreamMetrics.Tally}
 * (stream metrics): plain fields, one clock read per batch.
 */
final class ClientSession {
    private static final Logger LOG = Logger.getLogger(ClientSession.class);
    private static final Method WEB_SOCKET = webSocketAccessor();
    final WebSocketConnection connection;
    final SessionOutbox outbox;
    /** "channel|key" of every subscription (keys are symbols or market codes). */
    final Set<String> subscriptions = new SubscriptionKeys();
    private final Context context;
    private final StreamHub hub;
    private final int maxInflight;
    /** The drain's scratch, one per event-loop thread rather than one per connection (memory). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private final StreamMetrics metrics;

    /** A writer thread's batch array and its metrics tally. */
    private static final class Scratch {
        final Object[] batch = new Object[64];
        final StreamMetrics.Tally tally = new StreamMetrics.Tally();
    }
    private final ChannelHandlerContext channel;
    private boolean awaitingWritable;
    private final int maxBadMessages;
    /** Times of the last bad messages; made on the first one (most connections never send any). */
    private long[] badMessageTimes;
    private int badMessages;
    private int inflight;
    private boolean stalled;
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

    ClientSession(WebSocketConnection connection, Context context, StreamHub hub, StreamMetrics metrics, int queue,
                  int controlQueue, int maxInflight, int maxBadMessages) {
        this.connection = connection;
        this.context = context;
        this.hub = hub;
        this.metrics = metrics;
        this.maxInflight = maxInflight;
        this.maxBadMessages = Math.max(1, maxBadMessages);
        this.outbox = new SessionOutbox(queue, controlQueue, () -> context.runOnContext(v -> drain()), hub.counters());
        this.channel = nettyContext(connection);
    }

    private static Method webSocketAccessor() {
        try {
            Method m = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase").getDeclaredMethod("webSocket");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("stream writer falls back to sendText (no access to the Vert.x WebSocket: %s)", e.toString());
            return null;
        }
    }

    /** The Netty context the Vert.x WebSocket writes through, or null when it cannot be reached. */
    private static ChannelHandlerContext nettyContext(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return null;
        }
        try {
            Object ws = WEB_SOCKET.invoke(connection);
            // Vert.x Web wraps the server WebSocket (ServerWebSocketWrapper): unwrap its delegate
            for (int depth = 0; depth < 3 && ws != null && !(ws instanceof io.vertx.core.http.impl.WebSocketImplBase<?>); depth++) {
                java.lang.reflect.Field delegate = ws.getClass().getDeclaredField("delegate");
                delegate.setAccessible(true);
                ws = delegate.get(ws);
            }
            if (ws instanceof io.vertx.core.http.impl.WebSocketImplBase<?> b) {
                return b.channelHandlerContext();
            }
            LOG.warnf("stream writer falls back to sendText: the WebSocket is a %s", ws == null ? null : ws.getClass());
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("stream writer falls back to sendText for a %s: %s", connection.getClass(), e.toString());
            return null;
        }
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
        if (channel != null) {
            drainToChannel();
        } else {
            drainBySendText();
        }
        List<SessionOutbox.Key> due = outbox.resnapshotsDue();
        for (SessionOutbox.Key k : due) {
            if (!hub.resnapshot(outbox, k.symbol(), k.channel())) {
                outbox.forget(k);
            }
        }
    }

    private void drainToChannel() {
        if (awaitingWritable) {
            return;
        }
        io.netty.channel.Channel ch = channel.channel();
        Scratch scratch = SCRATCH.get();
        Object[] batch = scratch.batch;
        StreamMetrics.Tally tally = scratch.tally;
        boolean wrote = false;
        while (ch.isWritable()) {
            int n = outbox.drain(batch, batch.length);
            if (n == 0) {
                break;
            }
            long now = System.currentTimeMillis();
            // the batch's ready-made WebSocket frames, copied into one pooled buffer: one write, nothing
            // allocated per message (it passes the WebSocket encoder, which only handles WebSocketFrame objects)
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                if (batch[i] instanceof String control) {
                    batch[i] = Frame.textFrame(control);
                } else {
                    Frame f = (Frame) batch[i];
                    metrics.written(tally, f, now);
                    batch[i] = f.wire();
                }
                bytes += ((byte[]) batch[i]).length;
            }
            ByteBuf out = channel.alloc().buffer(bytes);
            for (int i = 0; i < n; i++) {
                out.writeBytes((byte[]) batch[i]);
                batch[i] = null;
            }
            channel.write(out, channel.voidPromise());
            wrote = true;
        }
        if (!ch.isWritable() && ch.isActive()) {
            // resume once what is buffered has reached the socket
            awaitingWritable = true;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                awaitingWritable = false;
                if (f.isSuccess()) {
                    drain();
                }
            });
        } else if (wrote) {
            channel.flush();
        }
        metrics.flush(tally);
    }



    private void drainBySendText() {
        Scratch scratch = SCRATCH.get();
        Object[] batch = scratch.batch;
        StreamMetrics.Tally tally = scratch.tally;
        while (inflight < maxInflight) {
            int n = outbox.drain(batch, Math.min(batch.length, maxInflight - inflight));
            if (n == 0) {
                stalled = false;
                break;
            }
            long now = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                Object m = batch[i];
                batch[i] = null;
                inflight++;
                if (m instanceof Frame f) {
                    metrics.written(tally, f, now);
                }
                connection.sendText(m instanceof Frame f ? f.text() : (String) m).subscribe().with(this::sent, this::failed);
            }
        }
        metrics.flush(tally);
        if (inflight >= maxInflight) {
            stalled = true;
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
        return channel != null;
    }

    boolean isClosed() {
        return closed;
    }
}
