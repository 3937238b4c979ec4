package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.stream.StreamEvent;
import com.tradesense.marketdata.stream.OrderBook;
import com.tradesense.marketdata.stream.EventSink;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.MarketPhase;
import com.tradesense.marketdata.calendar.MarketStatus;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.Listing;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The real-time upstream of standalone mode: streams quotes, book deltas, trades and the odd headline for
 * every symbol someone subscribed to, while its market trades, and the markets' status transitions as
 * the calendars say. Each symbol continues from the last simulated minute bar of the historical
 * simulator ({@link SimulatorProvider#instrument}), so live prices match the bars' magnitude.
 *
 * <p>The book is a ladder of one-tick levels around a mid that walks with the instrument's volatility;
 * level 1 is always the book's top. Indices have a value and no book or trades; FX pairs have quotes
 * and books but no prints. Not thread-safe: one thread calls {@link #step} (see {@link #start}).
 */
public final class StreamSimulator implements StreamHub.Seeder, AutoCloseable {

    /**
     * @param ratePerSymbol  updates per second per subscribed symbol during the regular session
     * @param maxRate        cap on updates per second over all symbols (rates scale down past it)
     * @param followCalendar false streams at all times (for load tests at night); status still follows the calendars
     * @param tickMillis     step period in ms
     * @param newsPerHour    simulated headlines per subscribed symbol per hour
     * @param haltsPerDay    simulated single-symbol trading halts per subscribed symbol per regular session
     *                       (0: none); they happen while the market is open
     * @param haltSeconds    how long a simulated halt lasts before the symbol reopens with a fresh book
     */
    public record Settings(double ratePerSymbol, double maxRate, boolean followCalendar, long tickMillis, double newsPerHour,
                           double haltsPerDay, long haltSeconds) {
        public static final Settings DEFAULT = new Settings(5, 50_000, true, 10, 2, 0.5, 60);

        public Settings(double ratePerSymbol, double maxRate, boolean followCalendar, long tickMillis, double newsPerHour) {
            this(ratePerSymbol, maxRate, followCalendar, tickMillis, newsPerHour, 0, 60);
        }
    }

    /** Extended-hours activity relative to the regular session. */
    private static final double EXTENDED_HOURS_FACTOR = 0.1;
    /** Regular-session seconds a volatility day is spread over (6.5 h). */
    private static final double SESSION_SECONDS = 23_400;
    private static final String[] HEADLINES = {
            "%s: volume picks up ahead of the close", "%s: analyst note reiterates rating",
            "%s: company to present at an investor conference", "%s: shares move on sector news",
            "%s: board meeting date announced"};

    private final SimulatorProvider provider;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final Settings settings;
    private final Map<String, SimState> sims = new HashMap<>();
    private final Map<Market, MarketPhase> phases = new EnumMap<>(Market.class);
    private final SplittableRandom newsRandom = new SplittableRandom(42);
    private StreamHub hub;
    /** Where events go: the hub itself in standalone, the bus in services mode. */
    private EventSink sink;
    /** The symbols to stream: the hub's active ones, or in services mode the cluster's demand. */
    private java.util.function.Supplier<List<String>> demand;
    /** Services mode: every symbol (re)starts with a book reset, since subscribers elsewhere hold older books. */
    private boolean announceNewSymbols;
    private volatile boolean resetRequested;
    private long lastStepMs;
    private long tradeIds;
    private volatile Thread thread;

    public StreamSimulator(SimulatorProvider provider, MarketCalendars calendars, Clock clock, Settings settings) {
        this.provider = provider;
        this.calendars = calendars;
        this.clock = clock;
        this.settings = settings;
    }

    /** The hub to publish to (and read starting states from). */
    public void attach(StreamHub hub) {
        attach(hub, hub, hub::activeSymbols, false);
    }

    /**
     * Services mode: reads starting states from {@code hub}, streams the symbols {@code demand} names and
     * publishes to {@code sink}; with {@code announceNewSymbols} a symbol's first update is a whole book
     * ({@link StreamEvent.BookSnapshot}) and its level 1.
     */
    public void attach(StreamHub hub, EventSink sink, java.util.function.Supplier<List<String>> demand, boolean announceNewSymbols) {
        this.hub = hub;
        this.sink = sink;
        this.demand = demand;
        this.announceNewSymbols = announceNewSymbols;
    }

    /**
     * Forget every symbol's simulated state at the next step (this process just took over the upstream):
     * symbols restart from the hub's latest state and announce their books again.
     */
    public void resetUpstream() {
        resetRequested = true;
    }

    private volatile java.util.function.Predicate<String> realFeedCovers = symbol -> false;

    /** Symbols a real upstream feed streams: the simulator publishes nothing for them (no mixed data). */
    public void stepAsideFor(java.util.function.Predicate<String> covered) {
        this.realFeedCovers = covered;
    }

    // ------------------------------------------------------------------ seeding (StreamHub.Seeder)

    @Override
    public StreamEvent.Level1Quote initialQuote(Listing listing, long nowMs) {
        SimulatedInstrument in = provider.instrument(listing, java.time.Instant.ofEpochMilli(nowMs));
        double tick = in.tick();
        double last = round(in.lastPrice(), in.decimals());
        if (listing.type() == AssetType.INDEX) {
            return new StreamEvent.Level1Quote(listing.symbol(), in.lastTradeMs() > 0 ? in.lastTradeMs() : nowMs,
                    Double.NaN, 0, Double.NaN, 0, last, 0, 0);
        }
        int spread = spreadTicks(in);
        double bid = round(last - Math.floor(spread / 2.0) * tick, in.decimals());
        double ask = round(bid + spread * tick, in.decimals());
        long lot = lot(in);
        return new StreamEvent.Level1Quote(listing.symbol(), in.lastTradeMs() > 0 ? in.lastTradeMs() : nowMs,
                bid, 3 * lot, ask, 3 * lot, last, in.dailyVolume() > 0 ? lot : 0, 0);
    }

    @Override
    public void initialBook(Listing listing, StreamEvent.Level1Quote quote, OrderBook book) {
        if (listing.type() == AssetType.INDEX || Double.isNaN(quote.bid())) {
            return;
        }
        SimulatedInstrument in = provider.instrument(listing, java.time.Instant.ofEpochMilli(quote.t()));
        ladder(book, quote.bid(), quote.ask(), in.tick(), in.decimals(), lot(in), new SplittableRandom(in.seed()));
    }

    private static void ladder(OrderBook book, double bid, double ask, double tick, int decimals, long lot, SplittableRandom r) {
        book.clear();
        for (int i = 0; i < book.maxDepth(); i++) {
            double bp = round(bid - i * tick, decimals);
            if (bp > 0) {
                book.set(true, bp, lot * (1 + r.nextInt(3 + i)));
            }
            book.set(false, round(ask + i * tick, decimals), lot * (1 + r.nextInt(3 + i)));
        }
    }

    private static int spreadTicks(SimulatedInstrument in) {
        double bps = switch (in.listing().market()) {
            case CSE -> 15;
            case FX -> 2;
            case OTC -> 40;
            default -> 3;
        };
        return (int) Math.max(1, Math.round(in.lastPrice() * bps / 10_000 / in.tick()));
    }

    private static long lot(SimulatedInstrument in) {
        if (in.listing().type() == AssetType.CURRENCY_PAIR) {
            return 100_000;
        }
        return Math.max(1, in.listing().market() == Market.CSE ? in.avgTradeSize() : 100);
    }

    // ------------------------------------------------------------------ streaming

    /** Starts a daemon thread stepping every {@link Settings#tickMillis()}. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    step(clock.millis());
                    Thread.sleep(settings.tickMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.getLogger(StreamSimulator.class.getName()).log(System.Logger.Level.WARNING, "simulator step failed", e);
                }
            }
        }, "mde-stream-simulator");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void close() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /** One step at {@code nowMs}: status transitions, then the updates due since the previous step. */
    public void step(long nowMs) {
        long dtMs = lastStepMs == 0 ? settings.tickMillis() : Math.min(1_000, Math.max(0, nowMs - lastStepMs));
        lastStepMs = nowMs;
        if (resetRequested) {
            resetRequested = false;
            sims.clear();
        }
        java.time.Instant now = java.time.Instant.ofEpochMilli(nowMs);
        for (Market m : Market.values()) {
            MarketStatus st = calendars.of(m).statusAt(now);
            MarketPhase before = phases.put(m, st.status());
            if (before != null && before != st.status()) {
                sink.publish(new StreamEvent.StatusChange(null, m, nowMs, st.status(), st.reason()));
                // the hub ends single-symbol halts at a market-wide transition: so does the simulator
                for (SimState s : sims.values()) {
                    if (s.listing.market() == m) {
                        s.haltedUntilMs = 0;
                    }
                }
            }
        }
        List<String> active = demand.get();
        if (active.isEmpty()) {
            return;
        }
        double dt = dtMs / 1000.0;
        double scale = Math.min(1.0, settings.maxRate() / (settings.ratePerSymbol() * active.size()));
        for (String symbol : active) {
            if (realFeedCovers.test(symbol)) {
                continue;
            }
            SimState s = sims.get(symbol);
            if (s == null) {
                Listing listing = hub.listing(symbol).orElse(null);
                if (listing == null) {
                    continue;
                }
                s = new SimState(listing, provider.instrument(listing, now), hub);
                sims.put(symbol, s);
                if (announceNewSymbols) {
                    announce(s, nowMs);
                }
            }
            if (s.haltedUntilMs > 0) {
                if (nowMs < s.haltedUntilMs) {
                    continue;
                }
                reopen(s, nowMs);
            }
            double activity = activity(s.listing.market());
            if (activity == 0) {
                continue;
            }
            if (activity == 1 && settings.haltsPerDay() > 0 && !s.index && s.trades
                    && newsRandom.nextDouble() < settings.haltsPerDay() * dt / SESSION_SECONDS) {
                halt(s, nowMs);
                continue;
            }
            s.budget += settings.ratePerSymbol() * scale * activity * dt;
            while (s.budget >= 1) {
                // each update is stamped when it is made, not when the step began
                s.budget -= emit(s, clock.millis());
            }
            if (settings.newsPerHour() > 0 && newsRandom.nextDouble() < settings.newsPerHour() * activity * dt / 3600) {
                String headline = String.format(HEADLINES[newsRandom.nextInt(HEADLINES.length)], symbol);
                sink.publish(new StreamEvent.News(symbol, s.listing.market(), nowMs, headline, "simulator"));
            }
        }
    }

    /** A single-symbol trading halt: status {@code halted} now, no updates until it reopens. */
    private void halt(SimState s, long nowMs) {
        s.haltedUntilMs = nowMs + Math.max(1, settings.haltSeconds()) * 1000;
        sink.publish(new StreamEvent.StatusChange(s.symbol, s.listing.market(), nowMs, MarketPhase.HALTED,
                "volatility halt (simulated)"));
    }

    /** The halt is over: the symbol's status goes back to its market's, and it reopens with a whole new book. */
    private void reopen(SimState s, long nowMs) {
        s.haltedUntilMs = 0;
        MarketStatus st = calendars.of(s.listing.market()).statusAt(java.time.Instant.ofEpochMilli(nowMs));
        sink.publish(new StreamEvent.StatusChange(s.symbol, s.listing.market(), nowMs, st.status(), "resumed after halt"));
        if (!s.index && s.book.bidDepth() > 0 && s.book.askDepth() > 0) {
            // the reopening book: same touch, fresh sizes
            ladder(s.book, s.book.bestBid(), s.book.bestAsk(), s.tick, s.decimals, s.lot, s.random);
        }
        announce(s, nowMs);
    }

    /** Publishes the symbol's whole book (a reset for every subscriber) and its level 1. */
    private void announce(SimState s, long nowMs) {
        if (s.index) {
            sink.publish(new StreamEvent.Level1Quote(s.symbol, nowMs, Double.NaN, 0, Double.NaN, 0, s.last, 0, 0));
            return;
        }
        sink.publish(new StreamEvent.BookSnapshot(s.symbol, nowMs, s.book.bids(), s.book.asks()));
        publishQuote(s, nowMs);
    }

    private double activity(Market m) {
        if (!settings.followCalendar()) {
            return 1;
        }
        MarketPhase p = phases.get(m);
        if (p == MarketPhase.OPEN) {
            return 1;
        }
        return p == MarketPhase.PRE_MARKET || p == MarketPhase.POST_MARKET ? EXTENDED_HOURS_FACTOR : 0;
    }

    /** Publishes one burst of related updates and returns how many updates it counted. */
    private int emit(SimState s, long t) {
        SplittableRandom r = s.random;
        if (s.index) {
            s.last = round(s.last * Math.exp(s.sigma * r.nextGaussian()), s.decimals);
            sink.publish(new StreamEvent.Level1Quote(s.symbol, t, Double.NaN, 0, Double.NaN, 0, s.last, 0, 0));
            return 1;
        }
        double u = r.nextDouble();
        if (u < 0.45) {
            // the mid moves: re-lay the ladder around it and publish the difference
            long moveTicks = Math.round(s.sigma * s.mid() * r.nextGaussian() / s.tick);
            if (moveTicks == 0) {
                moveTicks = r.nextBoolean() ? 1 : -1;
            }
            double bid = round(s.book.bestBid() + moveTicks * s.tick, s.decimals);
            if (bid <= s.tick) {
                bid = round(s.book.bestBid(), s.decimals);
            }
            double ask = round(bid + s.spreadTicks * s.tick, s.decimals);
            // levels that survive the move keep their size; new ones get a fresh one
            s.target.clear();
            for (int i = 0; i < s.target.maxDepth(); i++) {
                double bp = round(bid - i * s.tick, s.decimals);
                double ap = round(ask + i * s.tick, s.decimals);
                long bs = s.book.sizeAt(true, bp);
                long as = s.book.sizeAt(false, ap);
                if (bp > 0) {
                    s.target.set(true, bp, bs > 0 ? bs : s.lot * (1 + r.nextInt(3 + i)));
                }
                s.target.set(false, ap, as > 0 ? as : s.lot * (1 + r.nextInt(3 + i)));
            }
            publishBook(s, t);
            publishQuote(s, t);
            return 2;
        }
        if (u < 0.8 || !s.trades) {
            // one level's size changes
            boolean bid = r.nextBoolean();
            int depth = bid ? s.book.bidDepth() : s.book.askDepth();
            if (depth == 0) {
                return 1;
            }
            int level = Math.min(depth - 1, (int) (r.nextDouble() * r.nextDouble() * depth));
            double price = bid ? s.book.bidPrice(level) : s.book.askPrice(level);
            s.target.copyFrom(s.book);
            s.target.set(bid, price, s.lot * (1 + r.nextInt(3 + level)));
            publishBook(s, t);
            if (level == 0) {
                publishQuote(s, t);
                return 2;
            }
            return 1;
        }
        // a trade at the touch takes size off that level
        boolean buy = r.nextBoolean();
        double price = buy ? s.book.bestAsk() : s.book.bestBid();
        long available = buy ? s.book.bestAskSize() : s.book.bestBidSize();
        long size = Math.max(1, Math.min(available, Math.round(s.avgTrade * -Math.log(r.nextDouble()))));
        sink.publish(new StreamEvent.Trade(s.symbol, t, price, size, buy ? StreamEvent.Side.BUY : StreamEvent.Side.SELL, ++tradeIds));
        s.last = price;
        s.lastSize = size;
        s.volume += size;
        s.target.copyFrom(s.book);
        s.target.set(!buy, price, available - size > 0 ? available - size : s.lot * (1 + r.nextInt(3)));
        publishBook(s, t);
        publishQuote(s, t);
        return 3;
    }

    private void publishBook(SimState s, long t) {
        StreamEvent.BookDelta d = s.book.diff(s.symbol, t, s.target);
        if (d.bids().isEmpty() && d.asks().isEmpty()) {
            return;
        }
        if (sink.publish(d)) {
            OrderBook swap = s.book;
            s.book = s.target;
            s.target = swap;
        }
    }

    private void publishQuote(SimState s, long t) {
        sink.publish(new StreamEvent.Level1Quote(s.symbol, t, s.book.bestBid(), s.book.bestBidSize(), s.book.bestAsk(),
                s.book.bestAskSize(), s.last, s.lastSize, s.volume));
    }

    static double round(double x, int dp) {
        double f = Math.pow(10, dp);
        return Math.round(x * f) / f;
    }

    /** One simulated symbol: starts from the hub's state, which the simulator alone moves afterwards. */
    private final class SimState {
        final String symbol;
        final Listing listing;
        final boolean index;
        final boolean trades;
        final double tick;
        final int decimals;
        final long lot;
        final double avgTrade;
        final int spreadTicks;
        final double sigma;
        final SplittableRandom random;
        OrderBook book;
        OrderBook target;
        double last;
        long lastSize;
        long volume;
        double budget;
        /** While halted: when the halt ends (epoch ms); 0 when trading. */
        long haltedUntilMs;

        SimState(Listing listing, SimulatedInstrument in, StreamHub hub) {
            this.symbol = listing.symbol();
            this.listing = listing;
            this.index = listing.type() == AssetType.INDEX;
            this.trades = in.dailyVolume() > 0;
            this.tick = in.tick();
            this.decimals = in.decimals();
            this.lot = lot(in);
            this.avgTrade = in.avgTradeSize();
            this.spreadTicks = spreadTicks(in);
            this.sigma = in.dailyVol() / Math.sqrt(SESSION_SECONDS * Math.max(0.1, settings.ratePerSymbol()));
            this.random = new SplittableRandom(in.seed() ^ System.nanoTime());
            int depth = hub.settings().bookDepth();
            this.book = new OrderBook(depth);
            this.target = new OrderBook(depth);
            hub.copyBook(symbol, book);
            StreamEvent.Level1Quote q = hub.level1(symbol);
            this.last = q == null ? in.lastPrice() : q.last();
            this.lastSize = q == null ? 0 : q.lastSize();
            this.volume = q == null ? 0 : q.volume();
            if (!index && book.bidDepth() == 0) {
                ladder(book, round(last - tick, decimals), round(last - tick + spreadTicks * tick, decimals), tick, decimals, lot, random);
            }
        }

        double mid() {
            return (book.bestBid() + book.bestAsk()) / 2;
        }
    }
}
