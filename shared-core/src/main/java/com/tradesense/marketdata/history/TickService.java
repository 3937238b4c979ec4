package com.tradesense.marketdata.history;

import com.tradesense.marketdata.routing.Criticality;
import com.tradesense.marketdata.routing.NoProviderAnswered;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.QueryParameters;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.domain.Symbol;
import com.tradesense.marketdata.domain.Tick;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.symbols.Listing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Trade prints of one listing, oldest first, paged. Without {@code from}, the latest session. The
 * cursor remembers the last print's time and how many prints of that same millisecond were already
 * returned, so pages neither repeat nor skip prints that share a timestamp.
 */
public final class TickService {
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 1_000;

    private final MarketDataService marketData;
    private final MarketCalendars calendars;
    private final ProviderRouter router;
    private final Clock clock;

    public TickService(MarketDataService marketData, MarketCalendars calendars, ProviderRegistry providers, Clock clock) {
        this(marketData, calendars, ProviderRouter.basic(providers, com.tradesense.marketdata.routing.RouterHealth.NONE,
                ProviderQuotas.unlimited(), EngineTelemetry.NONE, clock), clock);
    }

    /** @param router orders the providers and guards every call */
    public TickService(MarketDataService marketData, MarketCalendars calendars, ProviderRouter router, Clock clock) {
        this.marketData = marketData;
        this.calendars = calendars;
        this.router = router;
        this.clock = clock;
    }

    public record TickPage(Listing listing, List<Tick> ticks, Source source, String next) {
    }

    public TickPage ticks(String symbol, String from, String to, String limit, String next) {
        Symbol s = Symbol.parse(symbol, "symbol");
        Optional<OhlcvQuery.TimePoint> f = OhlcvQuery.parseTime(from, "from");
        Optional<OhlcvQuery.TimePoint> t = OhlcvQuery.parseTime(to, "to");
        int max = QueryParameters.limit(limit, "limit", MAX_LIMIT, DEFAULT_LIMIT);
        if (next != null && (next.isEmpty() || next.length() > 256)) {
            throw badCursor();
        }
        Listing listing = marketData.listing(s.value());
        MarketCalendar calendar = calendars.of(listing.market());

        long fromMs;
        long toMs;
        int skip = 0;
        if (next != null) {
            Cursor c = Cursor.decode(next);
            if (!c.symbol.equals(listing.symbol())) {
                throw new InvalidParameterException("next", "The cursor belongs to " + c.symbol + ", not " + listing.symbol() + ".");
            }
            fromMs = c.fromMs;
            toMs = c.toMs;
            skip = c.skip;
        } else {
            Instant end = t.map(p -> MarketDataService.toInstant(p, listing.market())).orElseGet(clock::instant);
            Instant start = f.map(p -> MarketDataService.toInstant(p, listing.market())).orElseGet(() -> latestSessionStart(calendar, end));
            if (!start.isBefore(end)) {
                throw new InvalidParameterException(f.isPresent() ? "from" : "to", "'from' must be before 'to'.");
            }
            fromMs = start.toEpochMilli();
            toMs = Math.min(end.toEpochMilli(), clock.millis() + 1);
        }

        long from0 = fromMs;
        long to0 = toMs;
        int skip0 = skip;
        ProviderRouter.Answer<List<Tick>> answer;
        try {
            answer = router.first(listing.market(), DataType.TICKS, null, Criticality.ofRangeEnd(Instant.ofEpochMilli(toMs), clock.instant()),
                    p -> from0 < to0 ? p.ticks(listing, Instant.ofEpochMilli(from0), Instant.ofEpochMilli(to0), skip0 + max + 1) : List.of());
        } catch (NoProviderAnswered e) {
            throw new ServiceUnavailableException("No provider could serve trades of " + listing.symbol() + " right now.",
                    e.retryAfterOr(MarketDataService.DEFAULT_RETRY_AFTER));
        }
        List<Tick> got = answer.value();
        List<Tick> page = got.subList(Math.min(skip, got.size()), got.size());
        String cursor = null;
        if (page.size() > max) {
            Tick last = page.get(max - 1);
            int sameMs = 0;
            for (int i = max - 1; i >= 0 && page.get(i).t() == last.t(); i--) {
                sameMs++;
            }
            // continuing at the last print's millisecond: skip the prints of it already sent
            int carried = last.t() == fromMs ? skip + sameMs : sameMs;
            cursor = new Cursor(listing.symbol(), last.t(), carried, toMs).encode();
            page = page.subList(0, max);
        }
        return new TickPage(listing, List.copyOf(page), new Source(answer.provider().id(), CacheLayer.NONE, false,
                clock.instant()), cursor);
    }

    private static Instant latestSessionStart(MarketCalendar calendar, Instant end) {
        LocalDate day = LocalDate.ofInstant(end, calendar.market().zone());
        if (day.getYear() < calendar.firstYear() + 1 || day.getYear() > calendar.lastYear()) {
            return end.minus(Duration.ofDays(1));
        }
        if (!calendar.isTradingDay(day) || calendar.session(day).orElseThrow().regularOpen().isAfter(end)) {
            day = calendar.previousTradingDay(day);
        }
        return calendar.session(day).orElseThrow().phases().get(0).start();
    }

    private static InvalidParameterException badCursor() {
        return new InvalidParameterException("next", "The cursor is not one this API issued; start again without 'next'.");
    }

    private record Cursor(String symbol, long fromMs, int skip, long toMs) {
        String encode() {
            String raw = "t1|" + symbol + "|" + fromMs + "|" + skip + "|" + toMs;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String s) {
            try {
                String[] f = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split("\\|", -1);
                if (f.length != 5 || !"t1".equals(f[0])) {
                    throw badCursor();
                }
                long from = Long.parseLong(f[2]);
                int skip = Integer.parseInt(f[3]);
                long to = Long.parseLong(f[4]);
                if (skip < 0 || skip > MAX_LIMIT || from >= to) {
                    throw badCursor();
                }
                return new Cursor(f[1], from, skip, to);
            } catch (IllegalArgumentException e) {
                throw badCursor();
            }
        }
    }
}
