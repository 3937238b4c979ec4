package com.tradesense.marketdata.realtime.bus;

import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.EventCodec;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamEvent;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.stream.Subscriber;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A realtime pod's side of services mode: follows, for each key (symbol or market) its clients want, the
 * key's pub/sub channel, and feeds what arrives to the local hub, which fans it out with the usual
 * outboxes (the frame text from Redis is shared as is: nothing is re-serialized). Tells the cluster which
 * symbols it wants ({@code <p>:demand}), so that the lease holder streams them.
 *
 * <p>Joining a key: subscribe to its channel first (arrivals are held back), then read its state hash
 * (last seqs, last level 1, whole book, status) into the hub, then apply what was held back: frames the
 * state already includes are skipped by seq, so nothing is missed or doubled. A frame whose seq skips
 * ahead (a frame was lost, e.g. Redis was cut off) makes the pod re-read the state and send its
 * subscribers a fresh snapshot: a visible reset, never a silent gap.
 *
 * <p>Bus lag: the lease holder publishes its wall clock on {@code <p>:clock} every second through the same
 * ordered queue and connection as its frames ({@link UpstreamLease}); each pod takes the difference to its
 * own clock on receipt, so the figure includes the holder's queue, Redis and the pub/sub delivery (and the
 * two machines' clock offset, which NTP keeps to milliseconds).
 *
 * <p>All bookkeeping runs on one Vert.x context (the one the connections belong to).
 */
public final class RedisStreamBus implements StreamBus, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisStreamBus.class);
    private static final long RETRY_MS = 500;
    /** A clock tick older than this (the holder ticks every second) means the bus is stalled at least that long. */
    private static final long CLOCK_STALE_MS = 3_000;

    /** One followed key. Context-confined. */
    private static final class Link {
        final String key;
        boolean loaded;
        boolean loading;
        int pins;
        final List<String> held = new ArrayList<>();
        final List<Runnable> onLoaded = new ArrayList<>();

        Link(String key) {
            this.key = key;
        }
    }

    private final Vertx vertx;
    private final Redis redis;
    private final StreamHub hub;
    private final BusKeys keys;
    private final int historyDepth;
    private final long demandTtlMs;
    private final Context context;
    private final Map<String, Link> links = new HashMap<>();
    private volatile RedisConnection commands;
    private volatile RedisConnection subscriber;
    private volatile RedisConnection publisher;
    private volatile boolean closed;
    private long demandTimer = -1;
    /** Holder's stamp and our receipt time of the latest clock tick (epoch ms; 0 before the first). */
    private volatile long clockStampMs;
    private volatile long clockReceivedMs;

    /**
     * @param redis        client made for this bus (each connection is its own)
     * @param historyDepth frames kept per key and channel in Redis (resume history)
     * @param demandTtlMs  how long a symbol stays wanted after this pod last said so
     */
    public RedisStreamBus(Vertx vertx, Redis redis, StreamHub hub, String prefix, int historyDepth, long demandTtlMs) {
        this.vertx = vertx;
        this.redis = redis;
        this.hub = hub;
        this.keys = new BusKeys(prefix);
        this.historyDepth = historyDepth;
        this.demandTtlMs = demandTtlMs;
        this.context = vertx.getOrCreateContext();
        hub.feedFromBus(key -> context.runOnContext(v -> reconcile(key)));
    }

    BusKeys keys() {
        return keys;
    }

    Context context() {
        return context;
    }

    /** The connection commands go out on (null while Redis is unreachable). */
    RedisConnection commands() {
        return commands;
    }

    /** The connection the lease holder's frames go out on, in order. */
    RedisConnection publisher() {
        return publisher;
    }

    /** Connects (retrying until Redis answers) and starts telling the cluster what this pod wants. */
    public RedisStreamBus start() {
        context.runOnContext(v -> {
            connectCommands();
            connectPublisher();
            connectSubscriber();
            demandTimer = vertx.setPeriodic(Math.max(100, demandTtlMs / 3), id -> advertise());
        });
        return this;
    }

    /** True once every connection is up. */
    public boolean connected() {
        return commands != null && subscriber != null && publisher != null;
    }

    // ------------------------------------------------------------------ connections

    private void connectCommands() {
        if (closed) {
            return;
        }
        redis.connect().onSuccess(c -> {
            commands = c;
            c.exceptionHandler(e -> { });
            c.endHandler(v -> {
                commands = null;
                vertx.setTimer(RETRY_MS, id -> connectCommands());
            });
            advertise();
        }).onFailure(e -> vertx.setTimer(RETRY_MS, id -> connectCommands()));
    }

    private void connectPublisher() {
        if (closed) {
            return;
        }
        redis.connect().onSuccess(c -> {
            publisher = c;
            c.exceptionHandler(e -> { });
            c.endHandler(v -> {
                publisher = null;
                vertx.setTimer(RETRY_MS, id -> connectPublisher());
            });
        }).onFailure(e -> vertx.setTimer(RETRY_MS, id -> connectPublisher()));
    }

    private void connectSubscriber() {
        if (closed) {
            return;
        }
        redis.connect().onSuccess(c -> {
            subscriber = c;
            c.handler(this::onMessage);
            c.exceptionHandler(e -> { });
            c.endHandler(v -> subscriberLost());
            c.send(Request.cmd(Command.SUBSCRIBE).arg(keys.clock()));
            // (re)join everything wanted: after a cut, each key's state is re-read and its subscribers re-snapshotted
            for (Link l : new ArrayList<>(links.values())) {
                join(l, StreamCounters.Resnapshot.BUS_RECONNECT);
            }
        }).onFailure(e -> vertx.setTimer(RETRY_MS, id -> connectSubscriber()));
    }

    private void subscriberLost() {
        subscriber = null;
        if (closed) {
            return;
        }
        LOG.warnf("stream bus: subscription connection lost; re-joining %d keys when Redis answers", links.size());
        for (Link l : links.values()) {
            l.loaded = false;
            l.loading = false;
            l.held.clear();
        }
        vertx.setTimer(RETRY_MS, id -> connectSubscriber());
    }

    // ------------------------------------------------------------------ following keys

    /** Follows or stops following a key, as the hub's subscribers (and pending resumes) say. Context only. */
    private void reconcile(String key) {
        Link l = links.get(key);
        boolean want = hub.wanted(key) || (l != null && l.pins > 0);
        if (want && l == null) {
            l = new Link(key);
            links.put(key, l);
            join(l, null);
            advertise(key);
        } else if (!want && l != null && l.loaded && hub.unload(key)) {
            links.remove(key);
            RedisConnection s = subscriber;
            if (s != null) {
                s.send(Request.cmd(Command.UNSUBSCRIBE).arg(keys.live(key)));
            }
        }
    }

    /** Follows a key; {@code resync} (null for a first join) says why its subscribers get a fresh snapshot. */
    private void join(Link l, StreamCounters.Resnapshot resync) {
        RedisConnection s = subscriber;
        if (s == null || l.loading) {
            return;
        }
        l.loading = true;
        l.loaded = false;
        s.send(Request.cmd(Command.SUBSCRIBE).arg(keys.live(l.key)))
                .compose(ok -> loadState(l.key))
                .onSuccess(state -> {
                    if (links.get(l.key) != l) {
                        return;
                    }
                    hub.load(l.key, state, resync);
                    l.loading = false;
                    l.loaded = true;
                    for (String text : l.held) {
                        feed(l, text);
                    }
                    l.held.clear();
                    List<Runnable> waiting = new ArrayList<>(l.onLoaded);
                    l.onLoaded.clear();
                    waiting.forEach(Runnable::run);
                    reconcile(l.key);
                })
                .onFailure(e -> {
                    l.loading = false;
                    LOG.warnf("stream bus: could not join %s (%s); retrying", l.key, e.toString());
                    vertx.setTimer(RETRY_MS, id -> {
                        if (links.get(l.key) == l && !l.loaded) {
                            join(l, resync);
                        }
                    });
                });
    }

    private Future<StreamHub.LoadedState> loadState(String key) {
        RedisConnection c = commands;
        if (c == null) {
            return Future.failedFuture("no Redis connection");
        }
        Request r = Request.cmd(Command.HMGET).arg(keys.state(key));
        for (Channel ch : Channel.values()) {
            r.arg("seq:" + ch.wireName());
        }
        r.arg(Channel.LEVEL1.wireName()).arg(Channel.LEVEL2.wireName()).arg(Channel.STATUS.wireName());
        return c.send(r).map(resp -> {
            long[] seqs = new long[Channel.COUNT];
            for (int i = 0; i < Channel.COUNT; i++) {
                Response v = resp.get(i);
                seqs[i] = v == null ? 0 : v.toLong();
            }
            StreamEvent l1 = event(resp.get(Channel.COUNT));
            StreamEvent book = event(resp.get(Channel.COUNT + 1));
            StreamEvent status = event(resp.get(Channel.COUNT + 2));
            return new StreamHub.LoadedState(seqs,
                    l1 instanceof StreamEvent.Level1Quote q ? q : null,
                    book instanceof StreamEvent.BookSnapshot b ? b : null,
                    status instanceof StreamEvent.StatusChange s ? s : null);
        });
    }

    private static StreamEvent event(Response r) {
        return r == null ? null : EventCodec.decode(r.toString()).event();
    }

    private void onMessage(Response r) {
        if (r == null || r.size() < 3 || !"message".equals(r.get(0).toString())) {
            return;
        }
        String channel = r.get(1).toString();
        if (channel.equals(keys.clock())) {
            clockTick(r.get(2).toString());
            return;
        }
        String key = keys.keyOfLive(channel);
        Link l = key == null ? null : links.get(key);
        if (l == null) {
            return;
        }
        String text = r.get(2).toString();
        if (!l.loaded) {
            l.held.add(text);
        } else {
            feed(l, text);
        }
    }

    private void feed(Link l, String text) {
        EventCodec.Decoded d;
        try {
            d = EventCodec.decode(text);
        } catch (RuntimeException e) {
            LOG.warnf("stream bus: unreadable frame on %s: %s", l.key, e.getMessage());
            return;
        }
        Channel ch = d.event().channel();
        if (!l.key.equals(d.key())) {
            // a symbol's headline sent on to its market's subscribers as it is
            if (ch == Channel.NEWS) {
                Market.find(l.key).ifPresent(m -> hub.forwardNews(m, new Frame(ch, d.key(), d.seq(), false, d.event().t(), text)));
            }
            return;
        }
        if (!hub.accept(new Frame(ch, l.key, d.seq(), false, d.event().t(), text), d.event())) {
            LOG.infof("stream bus: %s %s skipped to seq %d: re-reading its state", l.key, ch.wireName(), d.seq());
            join(l, StreamCounters.Resnapshot.GAP);
        }
    }

    // ------------------------------------------------------------------ lag

    private void clockTick(String text) {
        try {
            clockStampMs = Long.parseLong(text.trim());
            clockReceivedMs = System.currentTimeMillis();
        } catch (NumberFormatException e) {
            LOG.debugf("stream bus: unreadable clock tick '%s'", text);
        }
    }

    /**
     * Seconds between the lease holder's latest clock tick and its arrival here; while no tick has arrived for
     * a few seconds, the time since that tick was stamped (nothing newer got through: the bus is at least that
     * far behind). NaN before the first tick (no upstream has run yet).
     */
    @Override
    public double lagSeconds() {
        long stamp = clockStampMs;
        long received = clockReceivedMs;
        if (received == 0) {
            return Double.NaN;
        }
        long now = System.currentTimeMillis();
        long lag = now - received > CLOCK_STALE_MS ? now - stamp : received - stamp;
        return Math.max(0, lag) / 1000.0;
    }

    // ------------------------------------------------------------------ demand

    private void advertise() {
        for (String key : links.keySet()) {
            advertise(key);
        }
    }

    private void advertise(String key) {
        RedisConnection c = commands;
        if (c == null || hub.listing(key).isEmpty() || Market.find(key).filter(m -> m.name().equals(key)).isPresent()) {
            return;
        }
        c.send(Request.cmd(Command.ZADD).arg(keys.demand()).arg(System.currentTimeMillis() + demandTtlMs).arg(key));
    }

    // ------------------------------------------------------------------ resume

    @Override
    public void resume(Subscriber s, String key, Channel channel, long fromSeq, Executor onSession,
                       Consumer<StreamHub.ResumeResult> done) {
        context.runOnContext(v -> {
            Link l = links.computeIfAbsent(key, Link::new);
            l.pins++;
            Runnable go = () -> fetchAndResume(l, s, channel, fromSeq, onSession, done);
            if (l.loaded) {
                go.run();
            } else {
                l.onLoaded.add(go);
                join(l, null);
                advertise(key);
            }
        });
    }

    private void fetchAndResume(Link l, Subscriber s, Channel channel, long fromSeq, Executor onSession,
                                Consumer<StreamHub.ResumeResult> done) {
        RedisConnection c = commands;
        if (hub.resumableLocally(l.key, channel, fromSeq) || c == null) {
            finish(l, s, channel, fromSeq, List.of(), onSession, done);
            return;
        }
        c.send(Request.cmd(Command.XRANGE).arg(keys.events(l.key, channel)).arg(fromSeq + "-0").arg("+")
                        .arg("COUNT").arg(historyDepth))
                .onSuccess(resp -> {
                    List<Frame> frames = new ArrayList<>(resp.size());
                    for (Response entry : resp) {
                        String id = entry.get(0).toString();
                        long seq = Long.parseLong(id.substring(0, id.indexOf('-')));
                        frames.add(new Frame(channel, l.key, seq, false, entry.get(1).get(1).toString()));
                    }
                    finish(l, s, channel, fromSeq, frames, onSession, done);
                })
                .onFailure(e -> finish(l, s, channel, fromSeq, List.of(), onSession, done));
    }

    private void finish(Link l, Subscriber s, Channel channel, long fromSeq, List<Frame> older, Executor onSession,
                        Consumer<StreamHub.ResumeResult> done) {
        onSession.execute(() -> {
            try {
                done.accept(hub.resume(s, l.key, channel, fromSeq, older));
            } finally {
                context.runOnContext(v -> {
                    l.pins--;
                    reconcile(l.key);
                });
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        context.runOnContext(v -> {
            if (demandTimer >= 0) {
                vertx.cancelTimer(demandTimer);
            }
            for (RedisConnection c : new RedisConnection[]{subscriber, commands, publisher}) {
                if (c != null) {
                    c.close();
                }
            }
        });
    }
}
