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
import java.util.function.Consumer;

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

    /**
     * Told (outside any lock, possibly out of order across threads: re-check {@link #wanted}) when a key
     * (symbol or market code) gets its first subscriber or loses its last one. Services mode's bus joins
     * and leaves the key's feed on it.
     */
    public interface Interest {
        void changed(String key);
    }

    /**
     * A key's state as the bus holds it, to {@link #load} into a remote-fed hub: the last seq of each
     * channel and the values snapshots are made of (each may be null when nothing was published yet).
     */
    public record LoadedState(long[] seqs, StreamEvent.Level1Quote level1, StreamEvent.BookSnapshot book,
                              StreamEvent.StatusChange status) {
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
    private final StreamCounters counters = new StreamCounters();
    private final AtomicLong crossedRejected = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    /** Set in services mode: events come sequenced from the bus and each key starts unready until loaded. */
    private volatile Interest interest;

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
            Frame frame = deliverLocked(st, event);
            if (event instanceof StreamEvent.News && st.listing != null) {
                forwardNews(st.market, frame);
            }
        }
        return true;
    }

    /**
     * Hands a symbol's headline, as it is (its own symbol and seq), to the subscribers of its market's news
     * ({@code "markets":["NYSE"]} means every symbol of that market).
     */
    public void forwardNews(Market market, Frame frame) {
        SymbolState ms = marketState(market);
        synchronized (ms) {
            for (Subscriber s : ms.subs[Channel.NEWS.ordinal()]) {
                s.deliver(frame);
            }
        }
    }

    private void publishMarketStatus(StreamEvent.StatusChange s) {
        SymbolState ms = marketState(s.market());
        synchronized (ms) {
            deliverLocked(ms, s);
        }
        for (SymbolState st : byMarket.getOrDefault(s.market(), List.of())) {
            synchronized (st) {
                // a market-wide transition ends any single-symbol halt (halts do not outlive a session phase)
                st.halted = s.status() == MarketPhase.HALTED;
                deliverLocked(st, s);
            }
        }
    }

    private Frame deliverLocked(SymbolState st, StreamEvent event) {
        int ch = event.channel().ordinal();
        long seq = ++st.seq[ch];
        Frame frame = new Frame(event.channel(), st.key, seq, false, event.t(), EventCodec.encode(event, st.key, seq));
        st.replay[ch].add(frame);
        counters.in(event.channel());
        for (Subscriber s : st.subs[ch]) {
            s.deliver(frame);
        }
        return frame;
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
            counters.subscriptions(channel, 1);
            if (st.ready) {
                s.deliver(snapshotLocked(st, channel));
            } else {
                // its snapshot goes out when the bus has loaded the key's state
                st.pendingSubs.add(s);
                st.pendingChannels.add(channel);
            }
            becameActive = st.dataSubscribers++ == 0;
        }
        if (becameActive) {
            changeActive(st, true);
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
            counters.subscriptions(channel, -1);
            becameIdle = --st.dataSubscribers == 0;
        }
        if (becameIdle) {
            changeActive(st, false);
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
            int replayed = st.replay[ch].replay(fromSeq, replayTo(s));
            if (replayed < 0) {
                s.deliver(snapshotLocked(st, channel));
                counters.resnapshot(channel, StreamCounters.Resnapshot.RESUME);
            }
            if (!contains(st.subs[ch], s)) {
                st.subs[ch] = append(st.subs[ch], s);
                counters.subscriptions(channel, 1);
                becameActive = st.dataSubscribers++ == 0;
            }
            result = new ResumeResult(replayed < 0, Math.max(0, replayed), st.seq[ch]);
        }
        if (becameActive) {
            changeActive(st, true);
        }
        return Optional.of(result);
    }

    /**
     * True when {@link #resume} can serve {@code fromSeq} from this process's own history (the key is
     * loaded and still holds it, or the client is already up to date); otherwise services mode fetches the
     * older frames from the bus's history and calls {@link #resume(Subscriber, String, Channel, long, List)}.
     */
    public boolean resumableLocally(String key, Channel channel, long fromSeq) {
        SymbolState st = stateOrMarket(key);
        if (st == null) {
            return false;
        }
        synchronized (st) {
            ReplayBuffer r = st.replay[channel.ordinal()];
            return st.ready && fromSeq >= r.oldestSeq() && fromSeq <= r.lastSeq() + 1;
        }
    }

    /**
     * Resume with frames {@code fromSeq..H} fetched from the bus's history ({@code older}, in seq order),
     * continued by this process's own history past {@code H}: replays them, or sends a snapshot when the
     * two do not join up without a gap, then subscribes. The key must be loaded ({@link #load}).
     */
    public ResumeResult resume(Subscriber s, String key, Channel channel, long fromSeq, List<Frame> older) {
        SymbolState st = stateOrMarket(key);
        if (st == null) {
            throw new IllegalArgumentException("unknown key " + key);
        }
        ResumeResult result = null;
        boolean becameActive = false;
        synchronized (st) {
            int ch = channel.ordinal();
            long last = st.seq[ch];
            int replayed = 0;
            boolean snapshot = false;
            if (!st.ready) {
                // reloading right now: it gets a snapshot once loaded
                if (!contains(st.subs[ch], s)) {
                    st.subs[ch] = append(st.subs[ch], s);
                    counters.subscriptions(channel, 1);
                    st.pendingSubs.add(s);
                    st.pendingChannels.add(channel);
                    becameActive = st.dataSubscribers++ == 0;
                }
                counters.resnapshot(channel, StreamCounters.Resnapshot.RESUME);
                result = new ResumeResult(true, 0, last);
            } else if (fromSeq >= st.replay[ch].oldestSeq() && fromSeq <= last + 1) {
                // this process still holds it all
                replayed = st.replay[ch].replay(fromSeq, replayTo(s));
            } else if (!older.isEmpty() && older.get(0).seq() == fromSeq && contiguous(older)) {
                long upTo = Math.min(last, older.get(older.size() - 1).seq());
                for (Frame f : older) {
                    if (f.seq() > upTo) {
                        break;
                    }
                    s.deliver(f.replayed());
                    replayed++;
                }
                if (upTo < last) {
                    int more = st.replay[ch].replay(upTo + 1, replayTo(s));
                    if (more < 0) {
                        snapshot = true;
                    } else {
                        replayed += more;
                    }
                }
            } else {
                snapshot = true;
            }
            if (st.ready) {
                if (snapshot) {
                    s.deliver(snapshotLocked(st, channel));
                    counters.resnapshot(channel, StreamCounters.Resnapshot.RESUME);
                    replayed = 0;
                }
                if (!contains(st.subs[ch], s)) {
                    st.subs[ch] = append(st.subs[ch], s);
                    counters.subscriptions(channel, 1);
                    becameActive = st.dataSubscribers++ == 0;
                }
                result = new ResumeResult(snapshot, replayed, last);
            }
        }
        if (becameActive) {
            changeActive(st, true);
        }
        return result;
    }

    /** Replayed history goes out without its event time: it is late by request, not by delay. */
    private static Consumer<Frame> replayTo(Subscriber s) {
        return f -> s.deliver(f.replayed());
    }

    private static boolean contiguous(List<Frame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).seq() != frames.get(i - 1).seq() + 1) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ services mode (fed by the bus)

    /**
     * Makes this hub a replica fed by a bus: from now on keys start unready (subscribers get their
     * snapshot once {@link #load} ran), events arrive already sequenced through {@link #accept}, and
     * {@code interest} hears when keys gain or lose subscribers. Call before the first subscriber.
     */
    public void feedFromBus(Interest interest) {
        this.interest = interest;
    }

    /** True while a key (symbol or market code) has at least one subscriber here. */
    public boolean wanted(String key) {
        SymbolState st = stateOrMarket(key);
        if (st == null) {
            return false;
        }
        synchronized (st) {
            return st.dataSubscribers > 0;
        }
    }

    /**
     * Installs a key's state from the bus and marks it ready: subscribers waiting for it get their snapshot.
     * With a {@code resync} reason (a gap in the feed, a lost subscription), every subscriber of a channel
     * whose seq moved gets a fresh snapshot too, so nobody silently misses the frames in between; null for a
     * first load.
     */
    public void load(String key, LoadedState state, StreamCounters.Resnapshot resync) {
        SymbolState st = stateOrMarket(key);
        if (st == null) {
            return;
        }
        synchronized (st) {
            boolean[] moved = new boolean[Channel.COUNT];
            for (int ch = 0; ch < Channel.COUNT; ch++) {
                long seq = state.seqs()[ch];
                if (seq != st.seq[ch] || !st.ready) {
                    moved[ch] = seq != st.seq[ch];
                    st.seq[ch] = seq;
                    st.replay[ch].restartAt(seq);
                }
            }
            if (state.level1() != null) {
                st.level1 = state.level1();
            }
            if (state.book() != null) {
                st.book.replace(state.book().bids(), state.book().asks());
            }
            if (state.status() != null) {
                st.halted = state.status().status() == MarketPhase.HALTED;
            }
            boolean wasReady = st.ready;
            st.ready = true;
            for (int i = 0; i < st.pendingSubs.size(); i++) {
                Channel c = st.pendingChannels.get(i);
                if (contains(st.subs[c.ordinal()], st.pendingSubs.get(i))) {
                    st.pendingSubs.get(i).deliver(snapshotLocked(st, c));
                }
            }
            if (resync != null && wasReady) {
                for (int ch = 0; ch < Channel.COUNT; ch++) {
                    if (!moved[ch]) {
                        continue;
                    }
                    Frame snap = snapshotLocked(st, Channel.of(ch));
                    for (Subscriber sub : st.subs[ch]) {
                        if (!pendingFor(st, sub, ch)) {
                            sub.deliver(snap);
                            counters.resnapshot(snap.channel(), resync);
                        }
                    }
                }
            }
            st.pendingSubs.clear();
            st.pendingChannels.clear();
        }
    }

    private static boolean pendingFor(SymbolState st, Subscriber s, int ch) {
        for (int i = 0; i < st.pendingSubs.size(); i++) {
            if (st.pendingSubs.get(i) == s && st.pendingChannels.get(i).ordinal() == ch) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks a key unready before the bus stops following it; refused (false) while it still has
     * subscribers, who would otherwise miss what comes next.
     */
    public boolean unload(String key) {
        SymbolState st = stateOrMarket(key);
        if (st == null) {
            return true;
        }
        synchronized (st) {
            if (st.dataSubscribers > 0) {
                return false;
            }
            st.ready = false;
            return true;
        }
    }

    /**
     * Applies and fans out one event the bus sequenced ({@code frame} is its wire form, shared as is).
     * A seq already seen is ignored; a seq past the next one is refused (false, nothing applied): the
     * feed lost frames and the bus must {@link #load} the key again with {@code resync}.
     */
    public boolean accept(Frame frame, StreamEvent event) {
        SymbolState st = stateOrMarket(frame.symbol());
        if (st == null) {
            return true;
        }
        synchronized (st) {
            int ch = frame.channel().ordinal();
            long last = st.seq[ch];
            if (!st.ready || frame.seq() <= last) {
                return true;
            }
            if (frame.seq() != last + 1) {
                gaps.incrementAndGet();
                return false;
            }
            if (event instanceof StreamEvent.Level1Quote q) {
                st.level1 = q;
            } else if (event instanceof StreamEvent.BookDelta d) {
                st.book.apply(d.bids(), d.asks());
            } else if (event instanceof StreamEvent.BookSnapshot b) {
                st.book.replace(b.bids(), b.asks());
            } else if (event instanceof StreamEvent.StatusChange s) {
                st.halted = s.status() == MarketPhase.HALTED;
            }
            st.seq[ch] = frame.seq();
            st.replay[ch].add(frame);
            counters.in(frame.channel());
            for (Subscriber s : st.subs[ch]) {
                s.deliver(frame);
            }
        }
        return true;
    }

    /** Frames refused by {@link #accept} because the feed skipped seqs. */
    public long gapCount() {
        return gaps.get();
    }

    private SymbolState stateOrMarket(String key) {
        if (key == null) {
            return null;
        }
        SymbolState st = states.get(key);
        if (st != null) {
            return st;
        }
        Optional<Market> m = Market.find(key);
        if (m.isPresent() && m.get().name().equals(key)) {
            return marketState(m.get());
        }
        return state(key);
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
            if (!st.ready) {
                // still loading: the load sends it its snapshot
                return true;
            }
            s.deliver(snapshotLocked(st, channel));
            counters.resnapshot(channel, StreamCounters.Resnapshot.LAGGING);
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

    /** Events taken in for fan-out (published here, or accepted from the bus), all channels. */
    public long publishedCount() {
        return counters.inCount();
    }

    /** What this hub, its subscribers' outboxes and the bus around it counted (the mde_stream_* metrics). */
    public StreamCounters counters() {
        return counters;
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
            s.ready = interest == null;
            s.level1 = seeder.initialQuote(listing, clock.millis());
            seeder.initialBook(listing, s.level1, s.book);
            byMarket.computeIfAbsent(listing.market(), m -> new CopyOnWriteArrayList<>()).add(s);
            return s;
        });
    }

    private SymbolState marketState(Market market) {
        return marketStates.computeIfAbsent(market, m -> {
            SymbolState s = new SymbolState(m.name(), m, null, settings);
            s.ready = interest == null;
            return s;
        });
    }

    private void changeActive(SymbolState st, boolean add) {
        Interest i = interest;
        if (i != null) {
            i.changed(st.key);
        }
        if (st.listing != null) {
            changeActive(st.key, add);
        }
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
        /** Subscribers over all channels (the key is active while above zero). */
        int dataSubscribers;
        /** False while a bus-fed hub waits for the key's state ({@link #load}). */
        boolean ready = true;
        final List<Subscriber> pendingSubs = new ArrayList<>(0);
        final List<Channel> pendingChannels = new ArrayList<>(0);

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
