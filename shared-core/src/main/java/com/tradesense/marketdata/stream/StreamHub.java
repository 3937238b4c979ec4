package com.tradesense.marketdata.stream;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.MarketPhase;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process bus and the state behind it: for every symbol the latest level 1, the order book, one
 * sequence counter and one bounded replay history per channel, and the subscribers per channel.
 *
 * <p>Upstreams {@link #publish} normalized events; the hub sequences them (per symbol and channel, +1
 * each), serializes each once into a {@link Frame}, keeps it for {@code resume} and hands the same frame
 * to every subscriber. Each symbol has its own lock: publishing, subscribing (snapshot then updates),
 * resuming and re-snapshotting a symbol are atomic with respect to each other, which is what makes the
 * stream gap-free and duplicate-free per subscriber. Symbols are independent; a subscriber must not block.
 *
 * <p>Market-wide streams (status and news subscribed by market) are sequenced under the market code.
 */
public final class StreamHub implements EventSink {

    /** Gives a symbol its state before its first live event: the snapshot a client gets when nothing traded yet. */
    public interface Seeder {
        StreamEvent.Level1Quote initialQuote(Listing listing, long nowMs);

        void initialBook(Listing listing, StreamEvent.Level1Quote quote, OrderBook book);
    }

    /**
     * @param replayDepth frames kept per symbol and channel for {@code resume}
     * @param bookDepth   price levels kept per book side
     */
    public record Settings(int replayDepth, int bookDepth) {
        public static final Settings DEFAULT = new Settings(1024, 10);
    }

    /** What {@link #resume} did: replayed {@code replayed} frames, or sent a fresh snapshot. */
    public record ResumeResult(boolean snapshot, int replayed, long lastSeq) {
    }

    private final SymbolMaster symbols;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final Seeder seeder;
    private final Settings settings;
    private final Map<String, SymbolState> states = new ConcurrentHashMap<>();
    private final Map<Market, SymbolState> marketStates = new ConcurrentHashMap<>();
    private final Map<Market, List<SymbolState>> byMarket = new ConcurrentHashMap<>();
    private final Object activeLock = new Object();
    private volatile String[] active = new String[0];
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong crossedRejected = new AtomicLong();

    public StreamHub(SymbolMaster symbols, MarketCalendars calendars, Clock clock, Seeder seeder, Settings settings) {
        this.symbols = symbols;
        this.calendars = calendars;
        this.clock = clock;
        this.seeder = seeder;
        this.settings = settings;
    }

    /** The listing of a symbol the stream can serve, or empty when unknown. */
    public Optional<Listing> listing(String symbol) {
        return symbols.find(symbol);
    }

    // ------------------------------------------------------------------ upstream side

    /**
     * Sequences and fans out one event. Returns false when it was refused: unknown symbol, or a book delta
     * that would cross the book (bid above ask), which means the upstream book is wrong; the upstream must
     * then send a {@link StreamEvent.BookSnapshot}.
     */
    @Override
    public boolean publish(StreamEvent event) {
        if (event instanceof StreamEvent.StatusChange s && s.symbol() == null) {
            publishMarketStatus(s);
            return true;
        }
        SymbolState st = event.symbol() == null ? marketState(((StreamEvent.News) event).market()) : state(event.symbol());
        if (st == null) {
            return false;
        }
        synchronized (st) {
            if (event instanceof StreamEvent.Level1Quote q) {
                st.level1 = q;
            } else if (event instanceof StreamEvent.BookDelta d) {
                st.scratch.copyFrom(st.book);
                st.scratch.apply(d.bids(), d.asks());
                if (st.scratch.crossed()) {
                    crossedRejected.incrementAndGet();
                    return false;
                }
                OrderBook t = st.book;
                st.book = st.scratch;
                st.scratch = t;
            } else if (event instanceof StreamEvent.BookSnapshot b) {
                st.book.replace(b.bids(), b.asks());
            } else if (event instanceof StreamEvent.StatusChange s) {
                st.halted = s.status() == MarketPhase.HALTED;
            }
            deliverLocked(st, event);
        }
        return true;
    }

    private void publishMarketStatus(StreamEvent.StatusChange s) {
        SymbolState ms = marketState(s.market());
        synchronized (ms) {
            deliverLocked(ms, s);
        }
        for (SymbolState st : byMarket.getOrDefault(s.market(), List.of())) {
            synchronized (st) {
                deliverLocked(st, s);
            }
        }
    }

    private void deliverLocked(SymbolState st, StreamEvent event) {
        int ch = event.channel().ordinal();
        long seq = ++st.seq[ch];
        Frame frame = new Frame(event.channel(), st.key, seq, false, EventCodec.encode(event, st.key, seq));
        st.replay[ch].add(frame);
        published.incrementAndGet();
        for (Subscriber s : st.subs[ch]) {
            s.deliver(frame);
        }
    }

    // ------------------------------------------------------------------ client side

    /**
     * Subscribes to one symbol's channel: delivers a snapshot, then every update after it. Subscribing
     * twice is a no-op that sends nothing. Returns false for an unknown symbol.
     */
    public boolean subscribe(Subscriber s, String symbol, Channel channel) {
        SymbolState st = state(symbol);
        return st != null && subscribe(s, st, channel);
    }

    /** Subscribes to a market-wide stream (status or news). */
    public boolean subscribeMarket(Subscriber s, Market market, Channel channel) {
        if (!channel.allowsMarkets()) {
            return false;
        }
        return subscribe(s, marketState(market), channel);
    }

    private boolean subscribe(Subscriber s, SymbolState st, Channel channel) {
        boolean becameActive;
        synchronized (st) {
            int ch = channel.ordinal();
            if (contains(st.subs[ch], s)) {
                return true;
            }
            st.subs[ch] = append(st.subs[ch], s);
            s.deliver(snapshotLocked(st, channel));
            becameActive = st.listing != null && st.dataSubscribers++ == 0;
        }
        if (becameActive) {
            changeActive(st.key, true);
        }
        return true;
    }

    /** Stops deliveries of one channel; true if it was subscribed. */
    public boolean unsubscribe(Subscriber s, String symbol, Channel channel) {
        SymbolState st = symbol == null ? null : states.get(symbol);
        return st != null && unsubscribe(s, st, channel);
    }

    public boolean unsubscribeMarket(Subscriber s, Market market, Channel channel) {
        SymbolState st = marketStates.get(market);
        return st != null && unsubscribe(s, st, channel);
    }

    private boolean unsubscribe(Subscriber s, SymbolState st, Channel channel) {
        boolean becameIdle;
        synchronized (st) {
            int ch = channel.ordinal();
            if (!contains(st.subs[ch], s)) {
                return false;
            }
            st.subs[ch] = remove(st.subs[ch], s);
            becameIdle = st.listing != null && --st.dataSubscribers == 0;
        }
        if (becameIdle) {
            changeActive(st.key, false);
        }
        return true;
    }

    /**
     * Resumes one symbol's channel from {@code fromSeq} (the first seq the client has not seen): replays
     * the frames {@code fromSeq..last} from the history if it still holds them, else sends a fresh
     * snapshot; then, atomically, subscribes for the updates after them. Empty for an unknown symbol.
     */
    public Optional<ResumeResult> resume(Subscriber s, String symbol, Channel channel, long fromSeq) {
        SymbolState st = state(symbol);
        if (st == null) {
            return Optional.empty();
        }
        ResumeResult result;
        boolean becameActive = false;
        synchronized (st) {
            int ch = channel.ordinal();
            int replayed = st.replay[ch].replay(fromSeq, s::deliver);
            if (replayed < 0) {
                s.deliver(snapshotLocked(st, channel));
            }
            if (!contains(st.subs[ch], s)) {
                st.subs[ch] = append(st.subs[ch], s);
                becameActive = st.listing != null && st.dataSubscribers++ == 0;
            }
            result = new ResumeResult(replayed < 0, Math.max(0, replayed), st.seq[ch]);
        }
        if (becameActive) {
            changeActive(st.key, true);
        }
        return Optional.of(result);
    }

    /**
     * Sends a subscribed client a fresh snapshot of one channel (after its outbox dropped frames), atomically
     * with respect to the live updates that follow. False when it is no longer subscribed.
     */
    public boolean resnapshot(Subscriber s, String key, Channel channel) {
        SymbolState st = states.get(key);
        if (st == null) {
            Optional<Market> m = Market.find(key);
            st = m.isPresent() ? marketStates.get(m.get()) : null;
        }
        if (st == null) {
            return false;
        }
        synchronized (st) {
            if (!contains(st.subs[channel.ordinal()], s)) {
                return false;
            }
            s.deliver(snapshotLocked(st, channel));
        }
        return true;
    }

    private Frame snapshotLocked(SymbolState st, Channel channel) {
        long now = clock.millis();
        long seq = st.seq[channel.ordinal()];
        MarketPhase phase = st.halted ? MarketPhase.HALTED : calendars.of(st.market).statusAt(clock.instant()).status();
        String text = EventCodec.snapshot(channel, st.key, seq, now, st.market, phase, st.level1,
                channel == Channel.LEVEL2 ? st.book : null);
        return new Frame(channel, st.key, seq, true, text);
    }

    // ------------------------------------------------------------------ state

    /** Symbols with at least one subscriber to live data (what an upstream should stream), in no order. */
    public List<String> activeSymbols() {
        return Arrays.asList(active);
    }

    /** Latest level 1 of a symbol (seeded on first use); null for an unknown symbol. */
    public StreamEvent.Level1Quote level1(String symbol) {
        SymbolState st = state(symbol);
        if (st == null) {
            return null;
        }
        synchronized (st) {
            return st.level1;
        }
    }

    /** Copies a symbol's book into {@code into}; false for an unknown symbol. */
    public boolean copyBook(String symbol, OrderBook into) {
        SymbolState st = state(symbol);
        if (st == null) {
            return false;
        }
        synchronized (st) {
            into.copyFrom(st.book);
        }
        return true;
    }

    /** Last seq on a symbol's channel (0 before any update). */
    public long lastSeq(String symbol, Channel channel) {
        SymbolState st = state(symbol);
        if (st == null) {
            return 0;
        }
        synchronized (st) {
            return st.seq[channel.ordinal()];
        }
    }

    public Settings settings() {
        return settings;
    }

    public long publishedCount() {
        return published.get();
    }

    public long crossedRejectedCount() {
        return crossedRejected.get();
    }

    private SymbolState state(String symbol) {
        if (symbol == null) {
            return null;
        }
        SymbolState st = states.get(symbol);
        if (st != null) {
            return st;
        }
        Listing listing = symbols.find(symbol).orElse(null);
        if (listing == null) {
            return null;
        }
        return states.computeIfAbsent(listing.symbol(), k -> {
            SymbolState s = new SymbolState(k, listing.market(), listing, settings);
            s.level1 = seeder.initialQuote(listing, clock.millis());
            seeder.initialBook(listing, s.level1, s.book);
            byMarket.computeIfAbsent(listing.market(), m -> new CopyOnWriteArrayList<>()).add(s);
            return s;
        });
    }

    private SymbolState marketState(Market market) {
        return marketStates.computeIfAbsent(market, m -> new SymbolState(m.name(), m, null, settings));
    }

    private void changeActive(String key, boolean add) {
        synchronized (activeLock) {
            List<String> list = new ArrayList<>(Arrays.asList(active));
            if (add) {
                if (!list.contains(key)) {
                    list.add(key);
                }
            } else {
                SymbolState st = states.get(key);
                boolean idle;
                synchronized (st) {
                    idle = st.dataSubscribers == 0;
                }
                if (idle) {
                    list.remove(key);
                }
            }
            active = list.toArray(new String[0]);
        }
    }

    private static boolean contains(Subscriber[] a, Subscriber s) {
        for (Subscriber x : a) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }

    private static Subscriber[] append(Subscriber[] a, Subscriber s) {
        Subscriber[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = s;
        return b;
    }

    private static Subscriber[] remove(Subscriber[] a, Subscriber s) {
        Subscriber[] b = new Subscriber[a.length - 1];
        int j = 0;
        for (Subscriber x : a) {
            if (x != s) {
                b[j++] = x;
            }
        }
        return b;
    }

    /** Everything the hub knows about one symbol (or one market, for market-wide streams). Guarded by itself. */
    private static final class SymbolState {
        final String key;
        final Market market;
        final Listing listing;
        final long[] seq = new long[Channel.COUNT];
        final ReplayBuffer[] replay = new ReplayBuffer[Channel.COUNT];
        final Subscriber[][] subs = new Subscriber[Channel.COUNT][];
        StreamEvent.Level1Quote level1;
        OrderBook book;
        OrderBook scratch;
        boolean halted;
        int dataSubscribers;

        SymbolState(String key, Market market, Listing listing, Settings settings) {
            this.key = key;
            this.market = market;
            this.listing = listing;
            for (int i = 0; i < Channel.COUNT; i++) {
                replay[i] = new ReplayBuffer(settings.replayDepth());
                subs[i] = new Subscriber[0];
            }
            book = new OrderBook(settings.bookDepth());
            scratch = new OrderBook(settings.bookDepth());
        }
    }
}
