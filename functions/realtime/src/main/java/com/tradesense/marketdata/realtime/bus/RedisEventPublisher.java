package com.tradesense.marketdata.realtime.bus;

import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.EventCodec;
import com.tradesense.marketdata.stream.EventSink;
import com.tradesense.marketdata.stream.OrderBook;
import com.tradesense.marketdata.stream.StreamCounters;
import com.tradesense.marketdata.stream.StreamEvent;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.symbols.Listing;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The lease holder's side of the bus: where the upstream publishes in services mode. Each event is
 * sequenced by Redis itself, in one script per (key, channel): the next seq comes from the key's state
 * hash ({@code HINCRBY}), the frame (our JSON with that seq spliced in) goes to the key's stream (history
 * for resume, {@code MAXLEN ~}) and to its pub/sub channel, and the state hash keeps what snapshots are
 * made of. So a seq is assigned exactly once for the whole cluster and continues, without a gap, when
 * another process takes the lease over.
 *
 * <p>Called on the upstream's thread; the scripts go out in order over one connection, a batch at a time
 * (order matters: a book delta applies to the book before it). Keeps the books to refuse crossing deltas,
 * as the hub does in standalone, and to store the whole book with each level-2 frame.
 */
final class RedisEventPublisher implements EventSink {
    private static final Logger LOG = Logger.getLogger(RedisEventPublisher.class);
    /**
     * KEYS: state hash, stream. ARGV: channel, frame head, frame tail, maxlen, live channel, state head
     * ('' none, '=' the frame itself), state tail, extra channel to publish to ('' none).
     */
    static final String SCRIPT = """
            local seq = redis.call('HINCRBY', KEYS[1], 'seq:' .. ARGV[1], 1)
            local text = ARGV[2] .. seq .. ARGV[3]
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], seq .. '-0', 'm', text)
            if ARGV[6] == '=' then
              redis.call('HSET', KEYS[1], ARGV[1], text)
            elseif ARGV[6] ~= '' then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[6] .. seq .. ARGV[7])
            end
            redis.call('PUBLISH', ARGV[5], text)
            if ARGV[8] ~= '' then
              redis.call('PUBLISH', ARGV[8], text)
            end
            return seq
            """;
    private static final int MAX_QUEUED = 200_000;

    private final BusKeys keys;
    private final StreamHub hub;
    private final Supplier<List<String>> demand;
    private final int maxLen;
    private final int bookDepth;
    private final Context context;
    private final Supplier<RedisConnection> connection;
    /** A command on its way to Redis, with the channel of the frame it carries (null: a clock tick). */
    private record Queued(Request request, Channel channel) {
    }

    private final StreamCounters counters;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, OrderBook[]> books = new HashMap<>();

    RedisEventPublisher(BusKeys keys, StreamHub hub, Supplier<List<String>> demand, int maxLen, Context context,
                        Supplier<RedisConnection> connection) {
        this.keys = keys;
        this.hub = hub;
        this.counters = hub.counters();
        this.demand = demand;
        this.maxLen = Math.max(16, maxLen);
        this.bookDepth = hub.settings().bookDepth();
        this.context = context;
        this.connection = connection;
    }

    @Override
    public boolean publish(StreamEvent event) {
        if (event instanceof StreamEvent.StatusChange s && s.symbol() == null) {
            // market-wide: the market's own stream and every wanted symbol of it, each under its own seq
            send(s.market().name(), event, null, "");
            for (String symbol : demand.get()) {
                Optional<Listing> l = hub.listing(symbol);
                if (l.isPresent() && l.get().market() == s.market()) {
                    send(symbol, event, null, "");
                }
            }
            return true;
        }
        if (event instanceof StreamEvent.News n && n.symbol() == null) {
            send(n.market().name(), event, null, "");
            return true;
        }
        if (hub.listing(event.symbol()).isEmpty()) {
            return false;
        }
        String bookText = null;
        if (event instanceof StreamEvent.BookDelta d) {
            OrderBook[] b = books.computeIfAbsent(d.symbol(), k -> new OrderBook[]{new OrderBook(bookDepth), new OrderBook(bookDepth)});
            b[1].copyFrom(b[0]);
            b[1].apply(d.bids(), d.asks());
            if (b[1].crossed()) {
                return false;
            }
            OrderBook t = b[0];
            b[0] = b[1];
            b[1] = t;
            bookText = EventCodec.encode(new StreamEvent.BookSnapshot(d.symbol(), d.t(), b[0].bids(), b[0].asks()), d.symbol(), 0);
        } else if (event instanceof StreamEvent.BookSnapshot s) {
            OrderBook[] b = books.computeIfAbsent(s.symbol(), k -> new OrderBook[]{new OrderBook(bookDepth), new OrderBook(bookDepth)});
            b[0].replace(s.bids(), s.asks());
        }
        String extra = event instanceof StreamEvent.News n && n.market() != null ? keys.live(n.market().name()) : "";
        send(event.symbol(), event, bookText, extra);
        return true;
    }

    /** Frames given to Redis so far, and those dropped because Redis could not keep up or failed them. */
    long queuedCount() {
        return queued.get();
    }

    long droppedCount() {
        return dropped.get() + failed.get();
    }

    /** Forgets the books (a new term as lease holder starts from book resets). */
    void reset() {
        books.clear();
    }

    private void send(String key, StreamEvent event, String stateText, String extraChannel) {
        Channel ch = event.channel();
        String[] frame = split(EventCodec.encode(event, key, 0));
        String stateHead = "";
        String stateTail = "";
        if (stateText != null) {
            String[] st = split(stateText);
            stateHead = st[0];
            stateTail = st[1];
        } else if (ch == Channel.LEVEL1 || ch == Channel.STATUS || event instanceof StreamEvent.BookSnapshot) {
            stateHead = "=";
        }
        Request r = Request.cmd(Command.EVAL).arg(SCRIPT).arg(2).arg(keys.state(key)).arg(keys.events(key, ch))
                .arg(ch.wireName()).arg(frame[0]).arg(frame[1]).arg(maxLen).arg(keys.live(key))
                .arg(stateHead).arg(stateTail).arg(extraChannel);
        if (queue.size() >= MAX_QUEUED) {
            // Redis is not keeping up: pods will see the seq move past what they got and re-snapshot
            dropped.incrementAndGet();
            counters.dropped(ch, StreamCounters.Drop.BUS_QUEUE_FULL);
            return;
        }
        enqueue(new Queued(r, ch));
        queued.incrementAndGet();
    }

    /**
     * Publishes this process's wall clock on the bus's clock channel, in line with the frames queued before
     * it: the pods' bus lag ({@link RedisStreamBus#lagSeconds()}) is what a frame published now waits.
     */
    void clockTick(long nowMs) {
        enqueue(new Queued(Request.cmd(Command.PUBLISH).arg(keys.clock()).arg(nowMs), null));
    }

    private void enqueue(Queued q) {
        queue.add(q);
        if (flushScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
    }

    /** {@code …"seq":} and {@code ,"t":…}: the frame around its seq (written as 0). */
    static String[] split(String text) {
        int i = text.indexOf("\"seq\":0,");
        if (i < 0) {
            throw new IllegalStateException("no seq in " + text);
        }
        return new String[]{text.substring(0, i + 6), text.substring(i + 7)};
    }

    private void flush() {
        flushScheduled.set(false);
        List<Request> batch = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        for (Queued q; (q = queue.poll()) != null; ) {
            batch.add(q.request());
            channels.add(q.channel());
        }
        if (batch.isEmpty()) {
            return;
        }
        RedisConnection c = connection.get();
        if (c == null) {
            failed(channels);
            return;
        }
        c.batch(batch).onFailure(e -> {
            long f = failed(channels);
            if (f == channels.size() || f % 10_000 < channels.size()) {
                LOG.warnf("stream bus: %d frames not published (%s)", f, e.toString());
            }
        });
    }

    /** Counts a batch Redis did not take; returns the failures so far. */
    private long failed(List<Channel> channels) {
        for (Channel ch : channels) {
            if (ch != null) {
                counters.dropped(ch, StreamCounters.Drop.BUS_FAILED);
            }
        }
        return failed.addAndGet(channels.size());
    }
}
