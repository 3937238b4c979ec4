package com.tradesense.marketdata.realtime.bus;

import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.provider.simulator.StreamSimulator;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One process in the cluster runs the upstream (the streaming simulator, and the real provider feeds when
 * configured: a {@link LeasedUpstream}): the one holding a lease in
 * Redis ({@code SET <p>:upstream-lease <id> NX PX ttl}, renewed every third of the ttl while the value is
 * still its own). When the holder dies its lease expires and another process takes it within about
 * {@code ttl + ttl/3}; the new holder starts every symbol over from a book reset ({@code "reset":true} on
 * level 2) and a fresh level 1. Seqs continue where they were, since Redis assigns them
 * ({@link RedisEventPublisher}): clients see the reset, and no gap.
 *
 * <p>A holder that cannot renew (Redis unreachable) stops its upstream once the ttl has passed since
 * its last renewal, which is when someone else may have taken over.
 */
public final class UpstreamLease implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpstreamLease.class);
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;
    private static final long DEMAND_POLL_MS = 200;
    /** How often the holder publishes its clock for the pods' bus lag. */
    private static final long CLOCK_TICK_MS = 1_000;

    private final Vertx vertx;
    private final RedisStreamBus bus;
    private final StreamSimulator simulator;
    private final boolean simulate;
    private final LeasedUpstream feeds;
    private final RedisEventPublisher publisher;
    private final StreamCounters counters;
    private final long ttlMs;
    private final String id = UUID.randomUUID().toString();
    private volatile boolean holding;
    private volatile List<String> demand = List.of();
    private long lastRenewMs;
    private long leaseTimer = -1;
    private long demandTimer = -1;
    private long clockTimer = -1;
    private long terms;

    public UpstreamLease(Vertx vertx, RedisStreamBus bus, StreamHub hub, StreamSimulator simulator, int historyDepth, long ttlMs) {
        this(vertx, bus, hub, simulator, true, LeasedUpstream.NONE, historyDepth, ttlMs);
    }

    /**
     * @param simulate whether the holder runs the simulator (off: only {@code feeds})
     * @param feeds    the real feeds the holder runs besides (or instead of) the simulator
     */
    public UpstreamLease(Vertx vertx, RedisStreamBus bus, StreamHub hub, StreamSimulator simulator, boolean simulate,
                         LeasedUpstream feeds, int historyDepth, long ttlMs) {
        this.vertx = vertx;
        this.bus = bus;
        this.simulator = simulator;
        this.simulate = simulate;
        this.feeds = feeds;
        this.ttlMs = Math.max(300, ttlMs);
        this.publisher = new RedisEventPublisher(bus.keys(), hub, () -> demand, historyDepth, bus.context(), bus::publisher);
        this.counters = hub.counters();
        simulator.attach(hub, publisher, () -> demand, true);
    }

    public UpstreamLease start() {
        bus.context().runOnContext(v -> {
            leaseTimer = vertx.setPeriodic(ttlMs / 3, id -> tick());
            demandTimer = vertx.setPeriodic(DEMAND_POLL_MS, id -> pollDemand());
            clockTimer = vertx.setPeriodic(CLOCK_TICK_MS, id -> {
                if (holding) {
                    publisher.clockTick(System.currentTimeMillis());
                }
            });
            tick();
        });
        return this;
    }

    /** True while this process runs the upstream. */
    public boolean holding() {
        return holding;
    }

    /** How many times this process took the lease. */
    public long terms() {
        return terms;
    }

    /** Frames published while holding; and those dropped (Redis too slow or failing). */
    public long publishedCount() {
        return publisher.queuedCount();
    }

    public long droppedCount() {
        return publisher.droppedCount();
    }

    private void tick() {
        RedisConnection c = bus.commands();
        long now = System.currentTimeMillis();
        if (holding && now - lastRenewMs > ttlMs) {
            lost("not renewed for " + (now - lastRenewMs) + " ms");
        }
        if (c == null) {
            return;
        }
        if (holding) {
            c.send(Request.cmd(Command.EVAL).arg(RENEW).arg(1).arg(bus.keys().lease()).arg(id).arg(ttlMs))
                    .onSuccess(r -> {
                        if (r != null && r.toLong() == 1) {
                            lastRenewMs = now;
                        } else if (holding) {
                            lost("taken by another process");
                        }
                    });
        } else {
            c.send(Request.cmd(Command.SET).arg(bus.keys().lease()).arg(id).arg("NX").arg("PX").arg(ttlMs))
                    .onSuccess(r -> {
                        if (r != null && "OK".equals(r.toString()) && !holding) {
                            acquired(now);
                        }
                    });
        }
    }

    private void acquired(long now) {
        holding = true;
        lastRenewMs = now;
        terms++;
        // one takeover: every symbol restarts from a book reset, which all their subscribers get
        counters.resnapshot(Channel.LEVEL2, StreamCounters.Resnapshot.TAKEOVER);
        LOG.infof("stream upstream: this process (%s) holds the lease: starting the upstream with a reset of every symbol", id);
        pollDemand();
        publisher.reset();
        if (simulate) {
            simulator.resetUpstream();
            simulator.start();
        }
        startFeeds();
    }

    private void startFeeds() {
        try {
            feeds.start(publisher, () -> demand);
        } catch (RuntimeException e) {
            LOG.errorf(e, "stream upstream: the real feeds did not start");
        }
    }

    private void stopUpstream() {
        simulator.close();
        feeds.stop();
    }

    private void lost(String why) {
        holding = false;
        LOG.warnf("stream upstream: lease lost (%s): upstream stopped", why);
        stopUpstream();
    }

    private void pollDemand() {
        RedisConnection c = bus.commands();
        if (!holding || c == null) {
            return;
        }
        long now = System.currentTimeMillis();
        c.send(Request.cmd(Command.ZRANGEBYSCORE).arg(bus.keys().demand()).arg(now).arg("+inf")).onSuccess(r -> {
            List<String> wanted = new ArrayList<>(r.size());
            for (Response s : r) {
                wanted.add(s.toString());
            }
            demand = List.copyOf(wanted);
        });
        if (now % 10 == 0) {
            c.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(bus.keys().demand()).arg("-inf").arg(now - 60_000));
        }
    }

    /** Gives the lease up (a clean shutdown hands over at once instead of after the ttl). */
    @Override
    public void close() {
        bus.context().runOnContext(v -> {
            if (leaseTimer >= 0) {
                vertx.cancelTimer(leaseTimer);
                vertx.cancelTimer(demandTimer);
                vertx.cancelTimer(clockTimer);
            }
            if (holding) {
                holding = false;
                stopUpstream();
                RedisConnection c = bus.commands();
                if (c != null) {
                    c.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(bus.keys().lease()).arg(id));
                }
            }
        });
    }

    /** Stops without giving the lease up: what a crash looks like to the others (tests). */
    void abandon() {
        bus.context().runOnContext(v -> {
            vertx.cancelTimer(leaseTimer);
            vertx.cancelTimer(demandTimer);
            vertx.cancelTimer(clockTimer);
            holding = false;
            stopUpstream();
        });
    }
}
