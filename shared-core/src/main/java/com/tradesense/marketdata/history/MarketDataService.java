package com.tradesense.marketdata.history;

import com.tradesense.marketdata.bars.Resampler;
import com.tradesense.marketdata.bars.BarValidator;
import com.tradesense.marketdata.routing.Criticality;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.TradingSession;
import com.tradesense.marketdata.domain.Adjustment;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's front door for bars: resolves the listing, the time range in its market's calendar
 * and the page, asks the providers that can serve it in priority order until one answers (building
 * the interval from a finer one when the provider lacks it), cleans what came back, and applies the
 * requested adjustment from the listing's corporate actions. Identical concurrent provider calls
 * are made once, each through its provider's quota. Source bars of the regular session go through the
 * {@link LayeredBarCache} when layers are configured: read in UTC month chunks from the layers, only the
 * missing months asked of the provider and written back. Provider order and every call's guard (circuit, bulkhead,
 * quota, retries) are the {@link ProviderRouter}'s.
 */
public final class MarketDataService {
    /** Sessions served when the client gives no {@code from}: as API.md says, the last 30. */
    static final int DEFAULT_SESSIONS = 30;
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final SymbolMaster symbols;
    private final MarketCalendars calendars;
    private final ProviderRegistry providers;
    private final CorporateActionsService actions;
    private final Clock clock;
    private final EngineTelemetry telemetry;
    private final ProviderQuotas quotas;
    private final RouterHealth health;
    private final LayeredBarCache barCache;
    private final ProviderRouter router;
    private final Coalescer<BarCall, List<Bar>> barCalls = new Coalescer<>();

    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                             CorporateActionsService actions, Clock clock) {
        this(symbols, calendars, providers, actions, clock, EngineTelemetry.NONE, ProviderQuotas.unlimited());
    }

    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                             CorporateActionsService actions, Clock clock, EngineTelemetry telemetry) {
        this(symbols, calendars, providers, actions, clock, telemetry, ProviderQuotas.unlimited());
    }

    /**
     * @param quotas every provider call first takes a permit from its provider's quota: a provider
     *               whose quota is spent is skipped for the next one, and a vendor's own 429 pauses it
     */
    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                             CorporateActionsService actions, Clock clock, EngineTelemetry telemetry, ProviderQuotas quotas) {
        this(symbols, calendars, providers, actions, clock, telemetry, quotas, LayeredBarCache.none());
    }

    /** @param barCache the bar cache layers; {@link LayeredBarCache#none()} asks the providers every time */
    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                             CorporateActionsService actions, Clock clock, EngineTelemetry telemetry, ProviderQuotas quotas,
                             LayeredBarCache barCache) {
        this(symbols, calendars, providers, actions, clock, telemetry, quotas, RouterHealth.NONE, barCache);
    }

    /**
     * @param health consulted before every provider call: a provider whose circuit is open is skipped
     *               for the next candidate; every call's latency and outcome is reported to it
     */
    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                             CorporateActionsService actions, Clock clock, EngineTelemetry telemetry, ProviderQuotas quotas,
                             RouterHealth health) {
        this(symbols, calendars, providers, actions, clock, telemetry, quotas, health, LayeredBarCache.none());
    }

    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                             CorporateActionsService actions, Clock clock, EngineTelemetry telemetry, ProviderQuotas quotas,
                             RouterHealth health, LayeredBarCache barCache) {
        this(symbols, calendars, providers, actions, clock, telemetry, quotas, health, barCache,
                ProviderRouter.basic(providers, health, quotas, telemetry, clock));
    }

    /** @param router orders the providers and guards every call (its health and quotas are the ones above) */
    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                             CorporateActionsService actions, Clock clock, EngineTelemetry telemetry, ProviderQuotas quotas,
                             RouterHealth health, LayeredBarCache barCache, ProviderRouter router) {
        this.router = router;
        this.health = health;
        this.barCache = barCache;
        this.symbols = symbols;
        this.calendars = calendars;
        this.providers = providers;
        this.actions = actions;
        this.clock = clock;
        this.telemetry = telemetry;
        this.quotas = quotas;
    }

    /** The listing of a canonical symbol, or a 404 naming the parameter. */
    public Listing listing(String canonicalSymbol) {
        return symbols.find(canonicalSymbol).orElseThrow(() -> new NotFoundException("symbol",
                "No listing '" + canonicalSymbol + "'. Find symbols with GET /api/v1/markets/{market}/symbols?q="));
    }

    public BarSeries ohlcv(OhlcvQuery q) {
        Listing listing = listing(q.symbol().value());
        MarketCalendar calendar = calendars.of(listing.market());
        boolean extended = q.extendedHours() && listing.market().isUs() && q.interval().isIntraday();
        Range range = q.cursor().isPresent() ? fromCursor(q) : resolveRange(q, calendar);
        Range served = range.clampTo(calendar, clock.instant());

        Criticality criticality = served == null ? Criticality.ROUTINE
                : Criticality.ofRangeEnd(Instant.ofEpochMilli(served.toMs), clock.instant());
        List<Provider> candidates = router.order(listing.market(), DataType.OHLCV, null, criticality);
        if (candidates.isEmpty()) {
            throw new ServiceUnavailableException("No provider serves bars for " + listing.market() + ".", DEFAULT_RETRY_AFTER);
        }
        List<Bar> bars = List.of();
        Provider answered = null;
        Provenance provenance = new Provenance();
        if (served != null) {
            Duration retryAfter = null;
            for (Provider p : candidates) {
                Interval source = Resampler.sourceFor(q.interval(), p.capabilities().intervals());
                if (source == null) {
                    continue;
                }
                try {
                    provenance = new Provenance();
                    bars = fetch(p, listing, calendar, source, q.interval(), served, extended, q.limit() + 1, provenance);
                    answered = p;
                    break;
                } catch (ProviderException e) {
                    if (e.retryAfter() != null && (retryAfter == null || e.retryAfter().compareTo(retryAfter) < 0)) {
                        retryAfter = e.retryAfter();
                    }
                }
            }
            if (answered == null && barCache.enabled() && !extended) {
                // no provider answered: what the cache layers still hold past its TTL, marked stale
                for (Provider p : candidates) {
                    Interval source = Resampler.sourceFor(q.interval(), p.capabilities().intervals());
                    if (source == null) {
                        continue;
                    }
                    try {
                        provenance = Provenance.staleAllowed();
                        bars = fetch(p, listing, calendar, source, q.interval(), served, false, q.limit() + 1, provenance);
                        answered = p;
                        break;
                    } catch (ProviderException e) {
                        // not every month is cached: the 503 below
                    }
                }
            }
            if (answered == null) {
                throw new ServiceUnavailableException("No provider could serve " + listing.symbol()
                        + " bars right now, and none are cached.", retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter);
            }
        }

        String next = null;
        if (bars.size() > q.limit()) {
            long nextFrom = bars.get(q.limit()).t();
            bars = bars.subList(0, q.limit());
            next = new PageCursor(listing.symbol(), q.interval(), q.adjustment(), q.extendedHours(), nextFrom, range.toMs).encode();
        }

        Adjustment applied = q.adjustment();
        LocalDate adjustedThrough = null;
        if (applied != Adjustment.RAW && !bars.isEmpty()) {
            Adjusted adjusted = adjust(listing, calendar, answered, bars, applied);
            bars = adjusted.bars;
            applied = adjusted.applied;
            adjustedThrough = adjusted.through;
        }
        String provider = answered != null ? answered.id() : candidates.get(0).id();
        Source source = provenance.cachedOnly()
                ? new Source(provenance.provider, provenance.layer, provenance.stale, Instant.ofEpochMilli(provenance.asOfMs))
                : new Source(provider, CacheLayer.NONE, false, clock.instant());
        telemetry.dataServed(provider, DataType.OHLCV, Math.max(0, clock.millis() - source.asOf().toEpochMilli()));
        return new BarSeries(listing, q.interval(), applied, adjustedThrough, extended, bars, source, next);
    }

    private record Adjusted(List<Bar> bars, Adjustment applied, LocalDate through) {
    }

    /**
     * Applies splits (and for ALL, dividends) effective after each bar up to today. When no
     * provider can say what the corporate actions are, the bars go out raw and say so: a silently
     * wrong adjustment is worse than a visible raw series.
     */
    private Adjusted adjust(Listing listing, MarketCalendar calendar, Provider barsProvider, List<Bar> raw, Adjustment mode) {
        Resampler.SessionLocator sessions = new Resampler.SessionLocator(calendar);
        LocalDate first = sessionDate(sessions, raw.get(0).t(), calendar);
        LocalDate today = LocalDate.now(clock.withZone(calendar.market().zone()));
        List<CorporateAction> list;
        try {
            list = actions.actions(listing, first.plusDays(1), today).actions();
        } catch (ServiceUnavailableException e) {
            return new Adjusted(raw, Adjustment.RAW, null);
        }
        LocalDate through = null;
        for (CorporateAction a : list) {
            boolean counts = a instanceof CorporateAction.Split || (mode == Adjustment.ALL && a instanceof CorporateAction.CashDividend);
            if (counts && (through == null || a.effectiveDate().isAfter(through))) {
                through = a.effectiveDate();
            }
        }
        Map<LocalDate, Double> closes = new HashMap<>();
        List<Bar> adjusted = Adjuster.adjust(raw, list, mode, t -> sessionDate(sessions, t, calendar),
                exDate -> closes.computeIfAbsent(exDate, d -> previousClose(barsProvider, listing, calendar, d)));
        return new Adjusted(adjusted, mode, through);
    }

    private static LocalDate sessionDate(Resampler.SessionLocator sessions, long t, MarketCalendar calendar) {
        TradingSession s = sessions.containing(t);
        return s != null ? s.date() : LocalDate.ofInstant(Instant.ofEpochMilli(t), calendar.market().zone());
    }

    /** Raw close of the session before {@code exDate}, or null when the provider cannot say. */
    private Double previousClose(Provider p, Listing listing, MarketCalendar calendar, LocalDate exDate) {
        if (exDate.getYear() <= calendar.firstYear()) {
            return null;
        }
        LocalDate before = calendar.previousTradingDay(exDate);
        TradingSession s = calendar.session(before).orElseThrow();
        Instant from = s.regularOpen();
        Instant to = s.regularClose();
        try {
            Interval source = Resampler.sourceFor(Interval.D1, p.capabilities().intervals());
            List<Bar> day = fetch(p, listing, calendar, source, Interval.D1, new Range(from.toEpochMilli(), to.toEpochMilli()), false, 2,
                    new Provenance());
            return day.isEmpty() ? null : day.get(day.size() - 1).c();
        } catch (ProviderException e) {
            return null;
        }
    }

    /**
     * Asks one provider in windows sized to the interval, so a page of minute bars never makes it
     * generate years of data, until {@code want} bars are in hand or the range is done. Windows end
     * at a session's start, so resampling never sees half a session.
     */
    private List<Bar> fetch(Provider p, Listing listing, MarketCalendar calendar, Interval source, Interval target,
                            Range range, boolean extended, int want, Provenance provenance) {
        Duration window = switch (source) {
            case M1 -> Duration.ofDays(31);
            case M5 -> Duration.ofDays(120);
            case M15, M30, H1 -> Duration.ofDays(400);
            case D1, W1, MO1 -> Duration.ofDays(366L * 40);
        };
        List<Bar> out = new ArrayList<>();
        long start = range.fromMs;
        while (start < range.toMs && out.size() < want) {
            long end = Math.min(range.toMs, sessionBoundaryAfter(calendar, start + window.toMillis()));
            List<Bar> got;
            if (cacheable(source, extended)) {
                got = cachedBars(p, listing, calendar, source, start, end, provenance);
            } else {
                provenance.fromProvider = true;
                got = providerBars(p, listing, calendar, source, start, end, extended);
            }
            long grid = source.isIntraday() ? source.minutes() * 60_000L : 0;
            List<Bar> clean = BarValidator.clean(got, gridOrigin(calendar, got), grid).bars();
            out.addAll(Resampler.resample(clean, source, target, calendar));
            start = end;
        }
        return out.size() > want ? out.subList(0, want) : out;
    }

    /** One provider answer, cleaned inside the coalesced call: once per answer, however many callers share it. */
    private List<Bar> providerBars(Provider p, Listing listing, MarketCalendar calendar, Interval source, long from, long to,
                                   boolean extended) {
        BarCall call = new BarCall(p.id(), listing.symbol(), source, from, to, extended);
        long grid = source.isIntraday() ? source.minutes() * 60_000L : 0;
        return barCalls.run(call, () -> {
            BarRequest request = new BarRequest(listing, source, Instant.ofEpochMilli(call.fromMs), Instant.ofEpochMilli(call.toMs), extended);
            List<Bar> got = router.invoke(p, DataType.OHLCV, () -> p.bars(request));
            BarValidator.Cleaned cleaned = BarValidator.clean(got, gridOrigin(calendar, got), grid);
            health.barsCleaned(p.id(), got.size(), cleaned.repaired(), cleaned.dropped());
            router.barsAnswered(p, request, cleaned.bars());
            return cleaned.bars();
        });
    }

    /**
     * Source bars of the regular session are cached in month chunks, at every interval (a request for one
     * day of minute bars fetches and keeps its month); extended-hours bars are not cached yet.
     */
    private boolean cacheable(Interval source, boolean extended) {
        return barCache.enabled() && !extended;
    }

    /**
     * The cleaned source bars of [from, to) from the month chunks the cache layers hold; each run of
     * consecutive missing months is one provider call, split into chunks and written to every layer.
     */
    private List<Bar> cachedBars(Provider p, Listing listing, MarketCalendar calendar, Interval source, long from, long to,
                                 Provenance provenance) {
        List<ChunkKey> keys = ChunkKey.covering(listing.symbol(), source, from, to);
        Map<ChunkKey, LayeredBarCache.Found> found = barCache.getAll(keys);
        Map<ChunkKey, BarChunk> chunks = new HashMap<>();
        for (Map.Entry<ChunkKey, LayeredBarCache.Found> e : found.entrySet()) {
            chunks.put(e.getKey(), e.getValue().chunk());
            provenance.cached(e.getValue());
        }
        Instant now = clock.instant();
        long min = LocalDate.of(calendar.firstYear(), 1, 1).atStartOfDay(calendar.market().zone()).toInstant().toEpochMilli();
        long max = LocalDate.of(calendar.lastYear() + 1, 1, 1).atStartOfDay(calendar.market().zone()).toInstant().toEpochMilli();
        List<BarChunk> fetched = new ArrayList<>();
        int i = 0;
        while (i < keys.size()) {
            if (chunks.containsKey(keys.get(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < keys.size() && !chunks.containsKey(keys.get(j + 1))) {
                j++;
            }
            if (provenance.staleAllowed) {
                fillStale(p, keys.subList(i, j + 1), chunks, provenance);
                i = j + 1;
                continue;
            }
            long callFrom = Math.max(keys.get(i).fromMs(), min);
            long callTo = Math.min(Math.min(keys.get(j).toMs(), max), now.toEpochMilli() + 1);
            List<Bar> got = callFrom < callTo ? providerBars(p, listing, calendar, source, callFrom, callTo, false) : List.of();
            provenance.fromProvider = true;
            List<Bar> clean = BarValidator.clean(got, gridOrigin(calendar, got), 0).bars();
            int b = 0;
            for (int k = i; k <= j; k++) {
                ChunkKey key = keys.get(k);
                List<Bar> in = new ArrayList<>();
                while (b < clean.size() && clean.get(b).t() < key.toMs()) {
                    if (clean.get(b).t() >= key.fromMs()) {
                        in.add(clean.get(b));
                    }
                    b++;
                }
                BarChunk chunk = new BarChunk(key, p.id(), now.toEpochMilli(), barCache.policy().isClosed(key, now), in);
                chunks.put(key, chunk);
                fetched.add(chunk);
            }
            i = j + 1;
        }
        barCache.putAll(fetched);
        List<Bar> out = new ArrayList<>();
        for (ChunkKey key : keys) {
            for (Bar bar : chunks.get(key).bars()) {
                if (bar.t() >= from && bar.t() < to) {
                    out.add(bar);
                }
            }
        }
        return out;
    }

    /** The chunks of {@code missing} that any layer still holds past their TTL, or UNAVAILABLE when one is not held at all. */
    private void fillStale(Provider p, List<ChunkKey> missing, Map<ChunkKey, BarChunk> chunks, Provenance provenance) {
        Map<ChunkKey, LayeredBarCache.Found> stale = barCache.getStale(missing);
        for (ChunkKey key : missing) {
            LayeredBarCache.Found f = stale.get(key);
            if (f == null) {
                throw new ProviderException(p.id(), ProviderException.Reason.UNAVAILABLE, "no provider answered and " + key + " is not cached");
            }
            chunks.put(key, f.chunk());
            provenance.cached(f);
            provenance.stale = true;
        }
    }

    /** Where the bars of one answer came from: a provider now, or (only) cache layers. */
    private static final class Provenance {
        /** Set when no provider answered: chunks past their TTL may be used, and no provider is asked. */
        boolean staleAllowed;
        boolean stale;
        boolean fromProvider;
        CacheLayer layer;
        String provider;
        long asOfMs = Long.MAX_VALUE;

        void cached(LayeredBarCache.Found f) {
            if (layer == null || f.layer().ordinal() > layer.ordinal()) {
                layer = f.layer(); // the slowest layer that had to answer
            }
            if (f.chunk().asOfMs() < asOfMs) {
                asOfMs = f.chunk().asOfMs();
                provider = f.chunk().provider();
            }
        }

        static Provenance staleAllowed() {
            Provenance p = new Provenance();
            p.staleAllowed = true;
            return p;
        }

        boolean cachedOnly() {
            return !fromProvider && layer != null;
        }
    }

    /** Intraday bars are on a grid anchored at the session open; any session's open serves as origin. */
    private static long gridOrigin(MarketCalendar calendar, List<Bar> bars) {
        if (bars.isEmpty()) {
            return 0;
        }
        TradingSession s = new Resampler.SessionLocator(calendar).containing(bars.get(0).t());
        return s == null ? bars.get(0).t() : s.regularOpen().toEpochMilli();
    }

    /** The first session start (first phase) at or after {@code ms}; {@code ms} itself outside the calendar. */
    private static long sessionBoundaryAfter(MarketCalendar calendar, long ms) {
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(ms), calendar.market().zone());
        if (d.getYear() < calendar.firstYear() || d.getYear() >= calendar.lastYear()) {
            return ms;
        }
        LocalDate next = calendar.nextTradingDay(d);
        return calendar.session(next).map(s -> s.phases().get(0).start().toEpochMilli()).orElse(ms);
    }

    private Range resolveRange(OhlcvQuery q, MarketCalendar calendar) {
        Market market = calendar.market();
        Instant to = q.to().map(t -> toInstant(t, market)).orElseGet(clock::instant);
        Instant from = q.from().map(t -> toInstant(t, market)).orElseGet(() -> lastSessionsStart(calendar, to));
        if (!from.isBefore(to)) {
            throw new InvalidParameterException(q.from().isPresent() ? "from" : "to",
                    "'from' (" + from + ") must be before 'to' (" + to + ").");
        }
        return new Range(from.toEpochMilli(), to.toEpochMilli());
    }

    private static Range fromCursor(OhlcvQuery q) {
        PageCursor c = PageCursor.decode(q.cursor().orElseThrow());
        if (!c.symbol().equals(q.symbol().value()) || c.interval() != q.interval() || c.adjustment() != q.adjustment()
                || c.extendedHours() != q.extendedHours()) {
            throw new InvalidParameterException("next",
                    "The cursor belongs to another query (" + c.symbol() + " " + c.interval().wireName() + " "
                            + c.adjustment().wireName() + "): repeat the same symbol, interval, adjustment and session with it.");
        }
        return new Range(c.fromMs(), c.toMs());
    }

    static Instant toInstant(OhlcvQuery.TimePoint t, Market market) {
        if (t instanceof OhlcvQuery.DatePoint d) {
            return d.date().atStartOfDay(market.zone()).toInstant();
        }
        return ((OhlcvQuery.InstantPoint) t).instant();
    }

    /** Open of the 30th session before {@code to} (counting the session in progress at {@code to}). */
    private static Instant lastSessionsStart(MarketCalendar calendar, Instant to) {
        LocalDate day = LocalDate.ofInstant(to, calendar.market().zone());
        if (day.getYear() > calendar.lastYear()) {
            day = LocalDate.of(calendar.lastYear(), 12, 31);
        } else if (day.getYear() < calendar.firstYear() + 1) {
            // before the calendar's range there are no sessions to count: an empty range follows
            return to.minus(Duration.ofDays(1));
        }
        if (!calendar.isTradingDay(day)) {
            day = calendar.previousTradingDay(day);
        }
        for (int i = 1; i < DEFAULT_SESSIONS; i++) {
            day = calendar.previousTradingDay(day);
        }
        return calendar.session(day).orElseThrow().phases().get(0).start();
    }

    /** One provider call for bars: the unit of coalescing. */
    private record BarCall(String provider, String symbol, Interval interval, long fromMs, long toMs, boolean extended) {
    }

    /** A half-open range of bar open times, epoch ms: [fromMs, toMs). */
    private record Range(long fromMs, long toMs) {
        /** The part of the range the calendar covers and that has happened, or null when nothing is left. */
        Range clampTo(MarketCalendar calendar, Instant now) {
            Market market = calendar.market();
            long min = LocalDate.of(calendar.firstYear(), 1, 1).atStartOfDay(market.zone()).toInstant().toEpochMilli();
            long max = LocalDate.of(calendar.lastYear() + 1, 1, 1).atStartOfDay(market.zone()).toInstant().toEpochMilli();
            long f = Math.max(fromMs, min);
            long t = Math.min(Math.min(toMs, max), now.toEpochMilli() + 1); // no bars from the future
            return f < t ? new Range(f, t) : null;
        }
    }
}
