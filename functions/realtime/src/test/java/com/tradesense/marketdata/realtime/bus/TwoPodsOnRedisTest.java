package com.tradesense.marketdata.realtime.bus;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.provider.simulator.StreamSimulator;
import com.tradesense.marketdata.stream.Subscriber;
import com.tradesense.marketdata.symbols.SymbolMaster;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Services mode against the machine's real Redis: two realtime "pods" in this JVM, each with its own
 * Vert.x, its own Redis connections, hub, bus, lease and simulator, exactly as two processes would have.
 * Only one runs the upstream; both see the same frames under the same seqs; a stream started on one pod
 * resumes on the other from Redis Streams; killing the lease holder hands the upstream over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoPodsOnRedisTest {
    final String PREFIX = "mde-test-stream-" + UUID.randomUUID().toString().substring(0, 8);
    static final long LEASE_TTL_MS = 1_000;
    Pod a;
    Pod b;

    static String redisUrl() {
        String env = System.getenv("MDE_TEST_REDIS_URL");
        return env == null || env.isBlank() ? "redis://127.0.0.1:6379" : env;
    }

    /** How each pod reaches Redis (a Redis Cluster in {@link TwoPodsOnRedisClusterTest}). */
    RedisOptions options() {
        return new RedisOptions().setConnectionString(redisUrl());
    }

    /** Deletes this test's keys (one server: SCAN sees them all). */
    void deleteKeys(Vertx v, String pattern) throws Exception {
        deleteKeys(Redis.createClient(v, options()), pattern);
    }

    static void deleteKeys(Redis r, String pattern) throws Exception {
        String cursor = "0";
        do {
            Response page = r.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            cursor = page.get(0).toString();
            for (Response k : page.get(1)) {
                r.send(Request.cmd(Command.DEL).arg(k.toString())).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } while (!"0".equals(cursor));
    }

    /** One realtime process's stream side. */
    final class Pod {
        final Vertx vertx = Vertx.vertx();
        final StreamSimulator simulator;
        final StreamHub hub;
        final RedisStreamBus bus;
        final UpstreamLease lease;
        final RecordingFeeds feeds = new RecordingFeeds();

        Pod() {
            Clock clock = Clock.systemUTC();
            MarketCalendars calendars = MarketCalendars.standard();
            simulator = new StreamSimulator(new SimulatorProvider(calendars, clock), calendars, clock,
                    new StreamSimulator.Settings(40, 10_000, false, 10, 0, 0, 60));
            hub = new StreamHub(SymbolMaster.standard(), calendars, clock, simulator, new StreamHub.Settings(5_000, 10));
            Redis redis = Redis.createClient(vertx, options().setPreferredProtocolVersion(ProtocolVersion.RESP2));
            bus = new RedisStreamBus(vertx, redis, hub, PREFIX, 5_000, 3_000).start();
            lease = new UpstreamLease(vertx, bus, hub, simulator, true, feeds, 5_000, LEASE_TTL_MS).start();
        }

        /** What a crash looks like to the others: no lease release, connections just go. */
        void kill() {
            lease.abandon();
            simulator.close();
            vertx.close();
        }
    }

    /** Stands for the real provider feeds a lease holder runs: records whether they run and what they are asked for. */
    static final class RecordingFeeds implements LeasedUpstream {
        volatile boolean running;
        volatile java.util.function.Supplier<List<String>> demand;
        final java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void start(com.tradesense.marketdata.stream.EventSink sink, java.util.function.Supplier<List<String>> demand) {
            this.demand = demand;
            running = true;
            starts.incrementAndGet();
        }

        @Override
        public void stop() {
            running = false;
        }
    }

    /** A client: every frame in arrival order. */
    static final class Client implements Subscriber {
        final List<Frame> frames = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deliver(Frame frame) {
            frames.add(frame);
        }

        List<Frame> of(String symbol, Channel channel) {
            synchronized (frames) {
                return frames.stream().filter(f -> f.symbol().equals(symbol) && f.channel() == channel).toList();
            }
        }

        /** Live frames by seq (the snapshot excluded). */
        Map<Long, String> live(String symbol, Channel channel) {
            Map<Long, String> m = new TreeMap<>();
            for (Frame f : of(symbol, channel)) {
                if (!f.snapshot()) {
                    m.put(f.seq(), f.text());
                }
            }
            return m;
        }
    }

    @BeforeAll
    void start() throws Exception {
        Vertx probe = Vertx.vertx();
        boolean up;
        try {
            up = "PONG".equals(Redis.createClient(probe, options()).send(Request.cmd(Command.PING))
                    .toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS).toString());
        } catch (Exception e) {
            up = false;
        } finally {
            probe.close();
        }
        assumeTrue(up || System.getenv("MDE_TEST_REDIS_URL") != null, "no Redis at " + options().getEndpoint());
        assertThat(up).as("Redis at " + options().getEndpoint()).isTrue();
        a = new Pod();
        b = new Pod();
        await(() -> a.bus.connected() && b.bus.connected(), 5_000);
        await(() -> a.lease.holding() || b.lease.holding(), 5_000);
    }

    @AfterAll
    void stop() throws Exception {
        for (Pod p : new Pod[]{a, b}) {
            if (p != null && p.vertx != null) {
                p.lease.close();
                p.simulator.close();
                p.bus.close();
                Thread.sleep(100);
                p.vertx.close();
            }
        }
        // our keys only
        Vertx v = Vertx.vertx();
        try {
            deleteKeys(v, PREFIX + ":*");
        } finally {
            v.close();
        }
    }

    static void await(BooleanSupplier condition, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within " + ms + " ms");
            }
            Thread.sleep(20);
        }
    }

    /** Snapshot first, then live seqs snapshot.seq+1, +2, … with no gap and no duplicate. */
    static void assertGapFree(List<Frame> frames) {
        assertThat(frames).isNotEmpty();
        long expect = -1;
        for (Frame f : frames) {
            if (f.snapshot()) {
                expect = f.seq() + 1;
                continue;
            }
            assertThat(expect).as("a live frame before any snapshot: %s", f.text()).isGreaterThan(0);
            assertThat(f.seq()).as("seq after %d: %s", expect - 1, f.text()).isEqualTo(expect);
            expect++;
        }
    }

    @Test
    @Order(1)
    void bothPodsDeliverTheSameFramesUnderTheSameSeqs() throws Exception {
        Client onA = new Client();
        Client onB = new Client();
        for (Channel ch : List.of(Channel.LEVEL1, Channel.LEVEL2, Channel.TRADES)) {
            a.hub.subscribe(onA, "AAPL", ch);
            b.hub.subscribe(onB, "AAPL", ch);
        }
        await(() -> onA.live("AAPL", Channel.LEVEL2).size() > 30 && onB.live("AAPL", Channel.LEVEL2).size() > 30, 10_000);
        Thread.sleep(300);
        assertThat(a.lease.holding() ^ b.lease.holding()).as("exactly one pod runs the upstream").isTrue();
        assertThat(a.feeds.running).as("the real feeds run on the lease holder only").isEqualTo(a.lease.holding());
        assertThat(b.feeds.running).isEqualTo(b.lease.holding());
        for (Channel ch : List.of(Channel.LEVEL1, Channel.LEVEL2, Channel.TRADES)) {
            assertGapFree(onA.of("AAPL", ch));
            assertGapFree(onB.of("AAPL", ch));
            Map<Long, String> la = onA.live("AAPL", ch);
            Map<Long, String> lb = onB.live("AAPL", ch);
            List<Long> common = la.keySet().stream().filter(lb::containsKey).toList();
            assertThat(common).as(ch + " seqs seen on both pods").hasSizeGreaterThan(ch == Channel.TRADES ? 3 : 20);
            for (long seq : common) {
                assertThat(lb.get(seq)).as(ch + " seq " + seq).isEqualTo(la.get(seq));
            }
        }
        // the snapshot books on both pods agree with the stream they continue
        assertThat(onA.of("AAPL", Channel.LEVEL2).get(0).text()).contains("\"book\":{\"bids\":[[");
        assertThat(onB.of("AAPL", Channel.LEVEL2).get(0).text()).contains("\"book\":{\"bids\":[[");
        // frames from the bus keep their event time (delivery latency), and both pods hear the holder's clock (bus lag)
        assertThat(onB.of("AAPL", Channel.LEVEL2).get(1).eventTime()).isPositive();
        await(() -> !Double.isNaN(a.bus.lagSeconds()) && !Double.isNaN(b.bus.lagSeconds()), 3_000);
        assertThat(a.bus.lagSeconds()).as("bus lag on pod a, s").isBetween(0.0, 1.0);
        assertThat(b.bus.lagSeconds()).as("bus lag on pod b, s").isBetween(0.0, 1.0);
        assertThat(a.hub.counters().inCount(Channel.LEVEL2)).as("frames taken in from the bus").isPositive();
    }

    @Test
    @Order(2)
    void aStreamStartedOnOnePodResumesOnTheOtherFromRedisWithoutGapOrDuplicate() throws Exception {
        Client witness = new Client();
        Client client = new Client();
        a.hub.subscribe(witness, "MSFT", Channel.LEVEL2);
        a.hub.subscribe(client, "MSFT", Channel.LEVEL2);
        await(() -> client.live("MSFT", Channel.LEVEL2).size() > 20, 10_000);
        // the connection to pod A drops; more happens meanwhile; the client comes back on pod B, which never followed MSFT
        a.hub.unsubscribe(client, "MSFT", Channel.LEVEL2);
        long lastSeen = client.of("MSFT", Channel.LEVEL2).get(client.of("MSFT", Channel.LEVEL2).size() - 1).seq();
        assertThat(b.hub.wanted("MSFT")).isFalse();
        Thread.sleep(700);
        Client back = new Client();
        CompletableFuture<StreamHub.ResumeResult> result = new CompletableFuture<>();
        b.bus.resume(back, "MSFT", Channel.LEVEL2, lastSeen + 1, Runnable::run, result::complete);
        StreamHub.ResumeResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.snapshot()).as("replayed from Redis Streams, not a snapshot").isFalse();
        assertThat(r.replayed()).isGreaterThan(5);
        await(() -> back.live("MSFT", Channel.LEVEL2).size() > r.replayed() + 20, 10_000);
        List<Frame> resumed = back.of("MSFT", Channel.LEVEL2);
        assertThat(resumed.get(0).snapshot()).isFalse();
        assertThat(resumed.get(0).seq()).isEqualTo(lastSeen + 1);
        for (int i = 1; i < resumed.size(); i++) {
            assertThat(resumed.get(i).seq()).as("frame %d", i).isEqualTo(resumed.get(i - 1).seq() + 1);
        }
        // and it is the same stream pod A's witness saw
        Map<Long, String> truth = witness.live("MSFT", Channel.LEVEL2);
        for (Frame f : resumed) {
            if (truth.containsKey(f.seq())) {
                assertThat(f.text()).isEqualTo(truth.get(f.seq()));
            }
        }
        // a pod that follows the key serves an old seq from its own history
        Client again = new Client();
        CompletableFuture<StreamHub.ResumeResult> local = new CompletableFuture<>();
        a.bus.resume(again, "MSFT", Channel.LEVEL2, lastSeen - 5, Runnable::run, local::complete);
        assertThat(local.get(5, TimeUnit.SECONDS).snapshot()).isFalse();
        assertThat(again.of("MSFT", Channel.LEVEL2).get(0).seq()).isEqualTo(lastSeen - 5);
        assertThat(again.of("MSFT", Channel.LEVEL2).get(0).text()).isEqualTo(truth.get(lastSeen - 5));
        assertThat(local.get().replayed()).isGreaterThan(5);
        a.hub.unsubscribe(again, "MSFT", Channel.LEVEL2);
        b.hub.unsubscribe(back, "MSFT", Channel.LEVEL2);
        a.hub.unsubscribe(witness, "MSFT", Channel.LEVEL2);
    }

    @Test
    @Order(3)
    void whenTheLeaseHolderDiesTheOtherPodTakesOverWithAResetAndNoGap() throws Exception {
        Pod holder = a.lease.holding() ? a : b;
        Pod survivor = holder == a ? b : a;
        long takeovers = survivor.hub.counters().resnapshotCount(Channel.LEVEL2, StreamCounters.Resnapshot.TAKEOVER);
        Client client = new Client();
        for (Channel ch : List.of(Channel.LEVEL1, Channel.LEVEL2)) {
            survivor.hub.subscribe(client, "NVDA", ch);
        }
        await(() -> client.live("NVDA", Channel.LEVEL2).size() > 20, 10_000);
        int before = client.of("NVDA", Channel.LEVEL2).size();
        long killedAt = System.currentTimeMillis();
        holder.kill();
        await(survivor.lease::holding, 5_000);
        long takeoverMs = System.currentTimeMillis() - killedAt;
        assertThat(takeoverMs).as("takeover time").isLessThan(4 * LEASE_TTL_MS);
        // the real feeds follow the lease: stopped on the dead holder, started on the new one for the cluster's demand
        assertThat(holder.feeds.running).isFalse();
        await(() -> survivor.feeds.running, 2_000);
        await(() -> survivor.feeds.demand.get().contains("NVDA"), 2_000);
        await(() -> client.of("NVDA", Channel.LEVEL2).stream().skip(before).anyMatch(f -> f.text().contains("\"reset\":true")), 5_000);
        await(() -> client.of("NVDA", Channel.LEVEL2).size() > before + 20, 10_000);
        // seqs continue across the takeover: the reset is a sequenced frame, nothing is skipped
        assertGapFree(client.of("NVDA", Channel.LEVEL2));
        assertGapFree(client.of("NVDA", Channel.LEVEL1));
        assertThat(survivor.hub.counters().resnapshotCount(Channel.LEVEL2, StreamCounters.Resnapshot.TAKEOVER))
                .isEqualTo(takeovers + 1);
        // the new holder's clock reaches its own bus: the lag is back to the ordinary
        Thread.sleep(1_500);
        assertThat(survivor.bus.lagSeconds()).isBetween(0.0, 1.0);
        System.out.printf("takeover after %d ms%n", takeoverMs);
        if (holder == a) {
            a = null;
        } else {
            b = null;
        }
    }
}
