package com.tradesense.marketdata.realtime.metrics;

import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.provider.stream.UpstreamFeed;
import com.tradesense.marketdata.realtime.bus.StreamBus;
import com.tradesense.marketdata.realtime.config.StreamConfig;
import com.tradesense.marketdata.realtime.feed.LiveFeeds;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The real-time stream's Prometheus metrics (names, labels and meaning: docs/metrics.md, "mde_stream_*").
 * Counts come from the hub's {@link StreamCounters} (read at scrape time, nothing registered per message);
 * every label combination is registered at start, so rates and alerts see a 0 rather than no data.
 *
 * <p>Delivery latency ({@value #DELIVERY_LATENCY}) is taken by the session writers on the fan-out path:
 * each event-loop thread times one live frame in {@code mde.stream.latency-sample-every} it writes (from
 * the frame's event time {@code t} to the write into the socket), so the cost does not grow with the
 * fan-out; the histogram's {@code _count} counts those samples, messages are counted by
 * {@value #MESSAGES}. The latest sample per channel is also reported, once a second, as the age of the
 * live data served ({@code mde_data_staleness_seconds} through {@link EngineTelemetry#dataServed}).
 */
@Singleton // not a client proxy: the writers call it on every frame they write
public class StreamMetrics {
    static final String CONNECTIONS = "mde.stream.connections";
    static final String SUBSCRIPTIONS = "mde.stream.subscriptions";
    static final String MESSAGES = "mde.stream.messages";
    static final String DELIVERY_LATENCY = "mde.stream.delivery.latency";
    static final String DROPPED = "mde.stream.dropped.messages";
    static final String RESNAPSHOTS = "mde.stream.resnapshots";
    static final String SLOW_CONSUMER_CLOSES = "mde.stream.slow.consumer.closes";
    static final String BUS_LAG = "mde.stream.bus.lag";

    /**
     * Histogram buckets of the delivery latency: event times are whole milliseconds, so nothing finer than
     * 1 ms; the real-time alert's 100 ms is a bucket boundary, so its p99 test reads a bucket exactly.
     */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private static final long STALENESS_EXPORT_MS = 1_000;
    private static final Channel[] CHANNELS = Channel.values();

    /**
     * What one event-loop thread has written since its last {@link #flush}: frames per channel, and the
     * countdown to the next timed frame. One per writer thread, confined to it: plain fields, no synchronization.
     */
    public static final class Tally {
        private final long[] written = new long[Channel.COUNT];
        private int untilSample = 1;
    }

    private final MeterRegistry registry;
    private final StreamCounters counters;
    private final int sampleEvery;
    private final Timer[] latency = new Timer[Channel.COUNT];
    /**
     * Latest timed frame per channel: its age (ms), its symbol and when it was written (epoch ms). Ordered
     * writes, no read-modify-write: the writer threads do not contend on them more than on the timer.
     */
    private final AtomicLongArray lastAgeMs = new AtomicLongArray(Channel.COUNT);
    private final AtomicReferenceArray<String> lastSymbol = new AtomicReferenceArray<>(Channel.COUNT);
    private final AtomicLongArray lastSampleMs = new AtomicLongArray(Channel.COUNT);
    /** {@link #lastSampleMs} of the samples last reported. Touched by the reporting timer only. */
    private final long[] reported = new long[Channel.COUNT];
    private long stalenessTimer = -1;

    @Inject
    public StreamMetrics(MeterRegistry registry, StreamHub hub, StreamConfig config) {
        this(registry, hub.counters(), config.latencySampleEvery());
    }

    /** @param sampleEvery time one live frame in this many written (per event-loop thread); 1 times them all */
    public StreamMetrics(MeterRegistry registry, StreamCounters counters, int sampleEvery) {
        this.registry = registry;
        this.counters = counters;
        this.sampleEvery = Math.max(1, sampleEvery);
        for (Channel ch : CHANNELS) {
            latency[ch.ordinal()] = Timer.builder(DELIVERY_LATENCY)
                    .description("Provider event time to the frame written to the client's socket (sampled frames)")
                    .tag("channel", ch.wireName())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
        }
        registerCounters();
    }

    private void registerCounters() {
        for (Channel ch : CHANNELS) {
            String channel = ch.wireName();
            Gauge.builder(SUBSCRIPTIONS, counters, c -> c.subscriptionCount(ch))
                    .description("Stream subscriptions on this process")
                    .tag("channel", channel)
                    .register(registry);
            FunctionCounter.builder(MESSAGES, counters, c -> c.inCount(ch))
                    .description("Stream messages: in = taken in for fan-out here, out = written to client sockets")
                    .tags("channel", channel, "direction", "in")
                    .register(registry);
            FunctionCounter.builder(MESSAGES, counters, c -> c.outCount(ch))
                    .description("Stream messages: in = taken in for fan-out here, out = written to client sockets")
                    .tags("channel", channel, "direction", "out")
                    .register(registry);
            for (StreamCounters.Drop reason : StreamCounters.Drop.values()) {
                FunctionCounter.builder(DROPPED, counters, c -> c.droppedCount(ch, reason))
                        .description("Stream messages not delivered, by reason")
                        .tags("channel", channel, "reason", reason.wireName())
                        .register(registry);
            }
            for (StreamCounters.Resnapshot reason : StreamCounters.Resnapshot.values()) {
                FunctionCounter.builder(RESNAPSHOTS, counters, c -> c.resnapshotCount(ch, reason))
                        .description("Snapshots or book resets sent again to subscribers, by reason")
                        .tags("channel", channel, "reason", reason.wireName())
                        .register(registry);
            }
        }
        FunctionCounter.builder(SLOW_CONSUMER_CLOSES, counters, StreamCounters::slowConsumerCloseCount)
                .description("Stream connections closed as slow consumers (4001)")
                .register(registry);
    }

    /**
     * The meters that need the other stream beans (registered once they exist), and the once-a-second report
     * of the live data's age.
     */
    /**
     * {@code mde_stream_connections}: registered by the session controller with its count of open connections (so
     * that the metrics do not depend on the connections they measure).
     */
    public void connections(java.util.function.IntSupplier open) {
        Gauge.builder(CONNECTIONS, open, o -> o.getAsInt())
                .description("Open WebSocket stream connections on this process")
                .strongReference(true) // the supplier is a lambda nothing else holds
                .register(registry);
    }

    void start(@Observes StartupEvent event, StreamBus bus, Vertx vertx,
               Instance<EngineTelemetry> telemetry, LiveFeeds feeds) {
        Gauge.builder(BUS_LAG, bus, StreamBus::lagSeconds)
                .description("Services mode: the lease holder's publish into Redis to receipt here (0 in standalone)")
                .baseUnit("seconds")
                .register(registry);
        if (telemetry.isResolvable()) {
            EngineTelemetry t = telemetry.get();
            stalenessTimer = vertx.setPeriodic(STALENESS_EXPORT_MS, id -> reportStaleness(t, feeds));
        }
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (stalenessTimer >= 0) {
            vertx.cancelTimer(stalenessTimer);
        }
    }

    /**
     * One frame written to a socket at {@code nowMs} (epoch ms, read once per written batch): counted, and
     * timed if it is a live update and this thread's turn to sample. Allocates nothing.
     */
    public void written(Tally t, Frame f, long nowMs) {
        int ch = f.channel().ordinal();
        t.written[ch]++;
        long eventTime = f.eventTime();
        if (eventTime != Frame.NO_EVENT_TIME && --t.untilSample <= 0) {
            t.untilSample = sampleEvery;
            // a provider clock ahead of ours is no negative latency
            long age = Math.max(0, nowMs - eventTime);
            latency[ch].record(age, TimeUnit.MILLISECONDS);
            lastAgeMs.lazySet(ch, age);
            lastSymbol.lazySet(ch, f.symbol());
            lastSampleMs.lazySet(ch, nowMs);
        }
    }

    /** Adds what {@code t} counted to the process's totals (once per drain, not per frame). */
    public void flush(Tally t) {
        for (int ch = 0; ch < Channel.COUNT; ch++) {
            long n = t.written[ch];
            if (n != 0) {
                counters.out(Channel.of(ch), n);
                t.written[ch] = 0;
            }
        }
    }

    /** Each channel timed since the last report hands its latest age to the engine's staleness gauge. */
    void reportStaleness(EngineTelemetry telemetry, LiveFeeds feeds) {
        for (Channel ch : CHANNELS) {
            int i = ch.ordinal();
            long at = lastSampleMs.get(i);
            if (at == reported[i]) {
                continue;
            }
            reported[i] = at;
            telemetry.dataServed(providerOf(lastSymbol.get(i), feeds), dataType(ch), lastAgeMs.get(i));
        }
    }

    /**
     * Who streams {@code symbol}: a real feed of this process covering it, else the simulator. (In services mode
     * the pods that do not hold the upstream run no feed and so say simulator: frames do not carry their source yet.)
     */
    private static String providerOf(String symbol, LiveFeeds feeds) {
        if (symbol != null) {
            for (UpstreamFeed f : feeds.feeds()) {
                if (f.symbols().contains(symbol)) {
                    return f.provider();
                }
            }
        }
        return "simulator";
    }

    static DataType dataType(Channel ch) {
        return switch (ch) {
            case LEVEL1 -> DataType.QUOTES;
            case LEVEL2 -> DataType.ORDER_BOOK;
            case TRADES -> DataType.TRADES;
            case NEWS -> DataType.NEWS;
            case STATUS -> DataType.MARKET_STATUS;
        };
    }
}
