package com.tradesense.marketdata.history;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CacheLayer;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's front door for history: resolves the listing, the time range in its market's calendar
 * and the page, then asks the providers that can serve it, in priority order, until one answers.
 * Every provider call first takes a permit from that provider's quota ({@link ProviderQuotas}): a
 * provider whose quota is spent is skipped for the next one, and a vendor's own 429 pauses it.
 * (Cache layers and circuit breakers wrap the provider calls in later steps.)
 */
public final class MarketDataService {
    /** Sessions served when the client gives no {@code from}: as API.md says, the last 30. */
    static final int DEFAULT_SESSIONS = 30;
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final SymbolMaster symbols;
    private final MarketCalendars calendars;
    private final ProviderRegistry providers;
    private final Clock clock;
    private final ProviderQuotas quotas;

    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers, Clock clock) {
        this(symbols, calendars, providers, clock, ProviderQuotas.unlimited());
    }

    public MarketDataService(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers, Clock clock,
                             ProviderQuotas quotas) {
        this.symbols = symbols;
        this.calendars = calendars;
        this.providers = providers;
        this.clock = clock;
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
        Range range = q.cursor().isPresent() ? fromCursor(q) : resolveRange(q, calendar);
        Range served = range.clampTo(calendar);

        List<Bar> bars = List.of();
        String provider = null;
        if (served != null) {
            List<Provider> candidates = providers.candidates(listing.market(), DataType.OHLCV, q.interval());
            if (candidates.isEmpty()) {
                throw new ServiceUnavailableException("No provider serves " + q.interval().wireName() + " bars for "
                        + listing.market() + ".", DEFAULT_RETRY_AFTER);
            }
            Duration retryAfter = null;
            for (Provider p : candidates) {
                try {
                    bars = fetch(p, listing, q.interval(), served, q.limit() + 1);
                    provider = p.id();
                    break;
                } catch (ProviderException e) {
                    if (e.retryAfter() != null && (retryAfter == null || e.retryAfter().compareTo(retryAfter) < 0)) {
                        retryAfter = e.retryAfter();
                    }
                }
            }
            if (provider == null) {
                throw new ServiceUnavailableException("No provider could serve " + listing.symbol()
                        + " bars right now, and none are cached.", retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter);
            }
        } else {
            List<Provider> candidates = providers.candidates(listing.market(), DataType.OHLCV, q.interval());
            provider = candidates.isEmpty() ? "none" : candidates.get(0).id();
        }

        String next = null;
        if (bars.size() > q.limit()) {
            long nextFrom = bars.get(q.limit()).t();
            bars = bars.subList(0, q.limit());
            next = new PageCursor(listing.symbol(), q.interval(), q.adjustment(), nextFrom, range.toMs).encode();
        }
        // Adjustment: the providers wired so far report no corporate actions (the simulator has
        // none), so split- and dividend-adjusted series equal the raw one. The adjustment engine
        // arrives with corporate actions (history issue).
        Source source = new Source(provider, CacheLayer.NONE, false, clock.instant());
        return new BarSeries(listing, q.interval(), q.adjustment(), bars, source, next);
    }

    /**
     * Asks one provider in windows sized to the interval, so a page of minute bars never makes it
     * generate years of data, until {@code want} bars are in hand or the range is done.
     */
    private List<Bar> fetch(Provider p, Listing listing, Interval interval, Range range, int want) {
        Duration window = switch (interval) {
            case M1 -> Duration.ofDays(31);
            case M5 -> Duration.ofDays(120);
            case M15, M30, H1 -> Duration.ofDays(400);
            case D1, W1, MO1 -> Duration.ofDays(366L * 40);
        };
        List<Bar> out = new ArrayList<>();
        long start = range.fromMs;
        while (start < range.toMs && out.size() < want) {
            long end = Math.min(range.toMs, start + window.toMillis());
            ProviderQuotas.Admission admission = quotas.acquire(p.id(), ProviderQuotas.Priority.INTERACTIVE);
            if (!admission.granted()) {
                throw new ProviderException(p.id(), ProviderException.Reason.RATE_LIMITED, "quota spent",
                        admission.retryAfter(), null);
            }
            try {
                out.addAll(p.bars(new BarRequest(listing, interval, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), false)));
            } catch (ProviderException e) {
                if (e.reason() == ProviderException.Reason.RATE_LIMITED) {
                    quotas.pause(p.id(), e.retryAfter());
                }
                throw e;
            }
            start = end;
        }
        return out.size() > want ? out.subList(0, want) : out;
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
        if (!c.symbol().equals(q.symbol().value()) || c.interval() != q.interval() || c.adjustment() != q.adjustment()) {
            throw new InvalidParameterException("next",
                    "The cursor belongs to another query (" + c.symbol() + " " + c.interval().wireName() + " "
                            + c.adjustment().wireName() + "): repeat the same symbol, interval and adjustment with it.");
        }
        return new Range(c.fromMs(), c.toMs());
    }

    private static Instant toInstant(OhlcvQuery.TimePoint t, Market market) {
        if (t instanceof OhlcvQuery.DatePoint d) {
            return d.date().atStartOfDay(market.zone()).toInstant();
        }
        return ((OhlcvQuery.InstantPoint) t).instant();
    }

    /** Open of the 30th session before {@code to} (counting the session in progress at {@code to}). */
    private static Instant lastSessionsStart(MarketCalendar calendar, Instant to) {
        LocalDate day = LocalDate.ofInstant(to, calendar.market().zone());
        int lastYear = calendar.lastYear();
        if (day.getYear() > lastYear) {
            day = LocalDate.of(lastYear, 12, 31);
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

    /** A half-open range of bar open times, epoch ms: [fromMs, toMs). */
    private record Range(long fromMs, long toMs) {
        /** The part of the range the calendar covers, or null when none of it is covered. */
        Range clampTo(MarketCalendar calendar) {
            Market market = calendar.market();
            long min = LocalDate.of(calendar.firstYear(), 1, 1).atStartOfDay(market.zone()).toInstant().toEpochMilli();
            long max = LocalDate.of(calendar.lastYear() + 1, 1, 1).atStartOfDay(market.zone()).toInstant().toEpochMilli();
            long f = Math.max(fromMs, min);
            long t = Math.min(toMs, max);
            return f < t ? new Range(f, t) : null;
        }
    }
}
