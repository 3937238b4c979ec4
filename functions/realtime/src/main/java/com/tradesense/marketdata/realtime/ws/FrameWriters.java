package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.realtime.config.StreamConfig;
import com.tradesense.marketdata.realtime.metrics.StreamMetrics;
import com.tradesense.marketdata.stream.Frame;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses each connection's {@link FrameWriter}, and decides once, at start-up, whether the raw Netty path may be
 * used at all. That path reaches past Quarkus's WebSocket API: {@code WebSocketConnectionBase.webSocket()} (not
 * public), the Vert.x Web wrapper's {@code delegate} field, and Vert.x's {@code WebSocketImplBase}, whose channel
 * it writes ready-made frame bytes to. A Quarkus or Vert.x upgrade can move any of these, and a wrong frame byte
 * would corrupt every client's stream; so the start-up self-test checks that (1) each of those members is there,
 * (2) the bytes {@link Frame} builds decode, through Netty's own WebSocket decoder, to the very text they carry, at
 * each of the three length encodings (7-bit, 16-bit, 64-bit). If either fails, or with
 * {@code mde.stream.raw-writer=false}, every connection uses {@link SendTextFrameWriter}, and this says so loudly:
 * an ERROR at start-up naming what failed, and the gauge {@code mde_stream_raw_writer} at 0 (1: the raw path is
 * in use). A single connection whose WebSocket is of an unexpected class also falls back (logged once per class).
 */
@Startup
@Singleton
public class FrameWriters {
    private static final Logger LOG = Logger.getLogger(FrameWriters.class);
    static final String GAUGE = "mde.stream.raw.writer";
    private static final String WRAPPER_FIELD = "delegate";

    /** A writer thread's batch array and metrics tally: one per event-loop thread, not one per connection. */
    static final class Scratch {
        final Object[] batch = new Object[64];
        final StreamMetrics.Tally tally = new StreamMetrics.Tally();
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static Scratch scratch() {
        return SCRATCH.get();
    }

    private final StreamMetrics metrics;
    private final int maxInflight;
    /** The accessor of the Vert.x WebSocket behind a connection; null when the raw path is off. */
    private final Method webSocket;
    private final String rawPathProblem;
    /** Wrapper classes already seen, and their delegate field (or null: not a wrapper we know). */
    private final Map<Class<?>, Field> wrappers = new ConcurrentHashMap<>();
    private final Map<Class<?>, Boolean> warned = new ConcurrentHashMap<>();

    @Inject
    public FrameWriters(StreamConfig config, StreamMetrics metrics, MeterRegistry registry) {
        this(config.rawWriter(), metrics, config.maxInflight());
        Gauge.builder(GAUGE, this, w -> w.rawPath() ? 1 : 0)
                .description("1 when stream frames go straight to the Netty channel (the fast path), 0 on the sendText fallback")
                .register(registry);
    }

    FrameWriters(boolean rawWanted, StreamMetrics metrics, int maxInflight) {
        this.metrics = metrics;
        this.maxInflight = maxInflight;
        String problem = rawWanted ? selfTest() : "switched off (mde.stream.raw-writer=false)";
        Method accessor = null;
        if (problem == null) {
            try {
                accessor = accessor();
            } catch (ReflectiveOperationException | RuntimeException e) {
                problem = "no access to the Vert.x WebSocket: " + e;
            }
        }
        this.webSocket = accessor;
        this.rawPathProblem = problem;
        if (problem == null) {
            LOG.info("stream writer: raw Netty path (self-test passed: Vert.x WebSocket reachable, frame bytes decode as sent)");
        } else if (rawWanted) {
            LOG.errorf("stream writer: the raw Netty path FAILED its start-up self-test (%s): every connection uses Quarkus's "
                    + "sendText instead, which costs several times the CPU per frame (bench/README, WebSocket fan-out); "
                    + "gauge mde_stream_raw_writer=0", problem);
        } else {
            LOG.warnf("stream writer: raw Netty path %s: every connection uses sendText", problem);
        }
    }

    /** True when new connections get the raw path. */
    public boolean rawPath() {
        return rawPathProblem == null;
    }

    /** Why the raw path is not used (null when it is). */
    public String rawPathProblem() {
        return rawPathProblem;
    }

    /** The writer for a new connection: raw when the self-test passed and this connection's channel is reachable. */
    FrameWriter writerFor(WebSocketConnection connection) {
        ChannelHandlerContext channel = rawPath() ? channelOf(connection) : null;
        return channel != null ? new RawFrameWriter(channel, metrics) : new SendTextFrameWriter(connection, metrics, maxInflight);
    }

    private ChannelHandlerContext channelOf(WebSocketConnection connection) {
        try {
            Object ws = webSocket.invoke(connection);
            // Vert.x Web wraps the server WebSocket (ServerWebSocketWrapper): unwrap its delegate
            for (int depth = 0; depth < 3 && ws != null && !(ws instanceof io.vertx.core.http.impl.WebSocketImplBase<?>); depth++) {
                Field delegate = wrappers.computeIfAbsent(ws.getClass(), FrameWriters::delegateField);
                if (delegate == null) {
                    break;
                }
                ws = delegate.get(ws);
            }
            if (ws instanceof io.vertx.core.http.impl.WebSocketImplBase<?> b) {
                return b.channelHandlerContext();
            }
            fellBack(ws == null ? Void.class : ws.getClass(), "the WebSocket is a " + (ws == null ? null : ws.getClass().getName()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            fellBack(connection.getClass(), e.toString());
        }
        return null;
    }

    private void fellBack(Class<?> type, String why) {
        if (warned.putIfAbsent(type, Boolean.TRUE) == null) {
            LOG.warnf("stream writer: sendText for connections like this one (%s); the raw path stays on for the others", why);
        }
    }

    private static Field delegateField(Class<?> type) {
        try {
            Field f = type.getDeclaredField(WRAPPER_FIELD);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method accessor() throws ReflectiveOperationException {
        Method m = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase").getDeclaredMethod("webSocket");
        m.setAccessible(true);
        return m;
    }

    /** Null when the raw path can be trusted on this runtime, else what is wrong. */
    static String selfTest() {
        try {
            accessor();
            io.vertx.core.http.impl.WebSocketImplBase.class.getMethod("channelHandlerContext");
            Class.forName("io.vertx.ext.web.impl.ServerWebSocketWrapper").getDeclaredField(WRAPPER_FIELD);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "a member the raw path uses is missing: " + e;
        }
        for (int length : new int[] {17, 300, 70_000}) {
            String text = "{\"type\":\"selftest\",\"pad\":\"" + "x".repeat(length) + "\"}";
            String problem = decodes(text);
            if (problem != null) {
                return "a " + text.length() + "-character frame: " + problem;
            }
        }
        return null;
    }

    /** Decodes {@link Frame#textFrame} bytes as a client would (server frames are not masked). */
    static String decodes(String text) {
        return decodes(Frame.textFrame(text), text);
    }

    static String decodes(byte[] wire, String text) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
        try {
            client.writeInbound(Unpooled.wrappedBuffer(wire));
            Object got = client.readInbound();
            if (!(got instanceof TextWebSocketFrame frame)) {
                return "decoded as " + (got == null ? "nothing" : got.getClass().getSimpleName());
            }
            try {
                if (!frame.isFinalFragment() || !text.equals(frame.text())) {
                    return "decoded to other text";
                }
            } finally {
                frame.release();
            }
            return client.readInbound() == null ? null : "more than one frame";
        } catch (RuntimeException e) {
            return "not decodable: " + e;
        } finally {
            client.finishAndReleaseAll();
        }
    }
}
