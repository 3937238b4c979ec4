package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.MarketPhase;
import com.tradesense.marketdata.calendar.PhaseWindow;
import com.tradesense.marketdata.calendar.TradingSession;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.domain.Tick;
import com.tradesense.marketdata.bars.Resampler;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.symbols.Listing;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deterministic market: plausible prices for every listed symbol, in its currency and magnitude,
 * only when its market trades (no bars on weekends, holidays or outside the session). It is the
 * embedded default so the engine answers with nothing installed, and a provider like any other:
 * the router uses it for a market only when no real provider is configured for that market.
 *
 * <p>Each trading day is one random path of minute prices (a Brownian bridge from the day's open to
 * its close on {@link SimulatedPrices}); every interval is aggregated from those minutes by the core
 * {@link Resampler}, so a daily bar's high is exactly the highest of its minute bars, and trade
 * prints ({@link #ticks}) fill each minute bar exactly. Minutes without a simulated trade are omitted,
 * as the API requires, which thinly traded Casablanca shares show. Prices are raw (as traded): they
 * jump at the real splits of {@code simulator/splits.csv}; dividends are synthetic.
 */
public final class SimulatorProvider implements Provider {
    public static final String ID = "simulator";
    private static final int MS_PER_MINUTE = 60_000;

    private final MarketCalendars calendars;
    private final Clock clock;
    private final ReferenceLevels levels;
    private final SimulatedCorporateActions actions;
    private final Map<String, InstrumentProfile> profiles = new ConcurrentHashMap<>();
    private final ProviderCapabilities capabilities = new ProviderCapabilities(
            EnumSet.allOf(Market.class),
            EnumSet.of(DataType.OHLCV, DataType.TICKS, DataType.CORPORATE_ACTIONS, DataType.FUNDAMENTALS,
                    DataType.ECONOMIC_INDICATORS, DataType.NEWS),
            EnumSet.allOf(Interval.class), false, true);
    private final SimulatedFundamentals fundamentals;
    private final SimulatedEconomy economy;
    private final SimulatedNews news;

    /** @param clock what "now" is: no bar, print or action after it is ever produced */
    public SimulatorProvider(MarketCalendars calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
        this.levels = ReferenceLevels.load();
        this.actions = SimulatedCorporateActions.load();
        this.fundamentals = new SimulatedFundamentals(calendars, levels, clock);
        this.economy = new SimulatedEconomy(clock);
        this.news = new SimulatedNews(calendars, economy, clock);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    private InstrumentProfile profile(Listing listing) {
        return profiles.computeIfAbsent(listing.symbol(), s -> InstrumentProfile.of(listing, levels));
    }

    @Override
    public Fundamentals fundamentals(Listing listing) {
        return fundamentals.of(listing);
    }

    @Override
    public EconomicSeries economicSeries(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        return economy.series(country, indicator, from, to);
    }

    @Override
    public List<NewsItem> news(List<Listing> listings, Instant from, int max) {
        return news.news(listings, from, max);
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        MarketCalendar calendar = calendars.of(listing.market());
        Interval interval = request.interval();
        boolean extended = request.extendedHours() && interval.isIntraday() && listing.market().isUs();

        // Sessions are addressed by local date; pad a day each side because an FX day starts the
        // evening before, then keep the bars whose open time is in range.
        LocalDate first = LocalDate.ofInstant(request.from(), listing.market().zone()).minusDays(1);
        LocalDate last = LocalDate.ofInstant(request.to(), listing.market().zone()).plusDays(1);
        if (interval == Interval.W1) {
            first = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        } else if (interval == Interval.MO1) {
            first = first.withDayOfMonth(1);
        }
        first = clamp(first, calendar);
        last = clamp(last, calendar);

        DayGenerator days = new DayGenerator(listing, profile(listing), first);
        long nowMs = clock.millis();
        List<Bar> out = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            TradingSession session = calendar.session(date).orElse(null);
            if (session == null) {
                continue;
            }
            if (session.phases().get(0).start().toEpochMilli() > nowMs) {
                break; // the future has not traded yet
            }
            List<Bar> minutes = days.minuteBars(date, session, extended);
            if (session.regularClose().toEpochMilli() > nowMs) { // today's session: only what has happened
                minutes = minutes.stream().filter(b -> b.t() + MS_PER_MINUTE <= nowMs).toList();
            }
            if (interval == Interval.M1) {
                out.addAll(minutes);
            } else if (interval.isIntraday()) {
                out.addAll(Resampler.intraday(minutes, interval.minutes(), calendar));
            } else {
                long open = session.regularOpen().toEpochMilli();
                long close = session.regularClose().toEpochMilli();
                List<Bar> regular = extended ? minutes.stream().filter(b -> b.t() >= open && b.t() < close).toList() : minutes;
                out.addAll(Resampler.sessions(regular, calendar));
            }
        }
        if (interval == Interval.W1 || interval == Interval.MO1) {
            out = Resampler.periods(out, interval, calendar);
        }
        long fromMs = request.from().toEpochMilli();
        long toMs = request.to().toEpochMilli();
        out.removeIf(b -> b.t() < fromMs || b.t() >= toMs);
        return out;
    }

    /**
     * Trade prints that fill each simulated minute exactly: the first at the minute's open price,
     * the last at its close, one at its high and one at its low, sizes summing to its volume.
     */
    @Override
    public List<Tick> ticks(Listing listing, Instant from, Instant to, int max) {
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        List<Tick> out = new ArrayList<>();
        List<Tick> minute = new ArrayList<>();
        String venue = listing.mic();
        // the minute bar holding `from` opened before it: start there and keep the prints from `from` on
        Instant cursor = Instant.ofEpochMilli(Math.floorDiv(fromMs, MS_PER_MINUTE) * MS_PER_MINUTE);
        // one day at a time, so a page never makes the simulator generate much more than it returns
        while (cursor.isBefore(to) && out.size() < max) {
            Instant dayEnd = cursor.plusSeconds(86_400).isBefore(to) ? cursor.plusSeconds(86_400) : to;
            for (Bar m : bars(new BarRequest(listing, Interval.M1, cursor, dayEnd, false))) {
                if (m.v() <= 0 || !m.hasTradeCount()) {
                    continue; // indices and spot FX have no trades
                }
                minute.clear();
                TickSplitter.fill(m, profile(listing).seed(), venue, minute);
                for (Tick t : minute) {
                    if (t.t() >= fromMs && t.t() < toMs && out.size() < max) {
                        out.add(t);
                    }
                }
                if (out.size() >= max) {
                    break;
                }
            }
            cursor = dayEnd;
        }
        return out;
    }

    @Override
    public List<CorporateAction> corporateActions(Listing listing, LocalDate from, LocalDate to) {
        MarketCalendar calendar = calendars.of(listing.market());
        LocalDate lo = from.isBefore(LocalDate.of(calendar.firstYear(), 1, 1)) ? LocalDate.of(calendar.firstYear(), 1, 1) : from;
        LocalDate today = LocalDate.now(clock.withZone(listing.market().zone()));
        LocalDate hi = to.isAfter(today) ? today : to;
        if (lo.isAfter(hi)) {
            return List.of();
        }
        return actions.actions(listing, profile(listing), calendar, lo, hi);
    }

    /**
     * The instrument as the simulator sees it at {@code at}: the close of the last simulated minute bar at
     * or before {@code at} (so a real-time stream continues exactly where the historical bars end), its
     * tick precision, volatility and trading activity. Looks back at most {@value #LOOKBACK_DAYS} days.
     */
    public SimulatedInstrument instrument(Listing listing, java.time.Instant at) {
        MarketCalendar calendar = calendars.of(listing.market());
        InstrumentProfile profile = profile(listing);
        long atMs = at.toEpochMilli();
        LocalDate last = clamp(LocalDate.ofInstant(at, listing.market().zone()).plusDays(1), calendar);
        LocalDate first = clamp(last.minusDays(LOOKBACK_DAYS), calendar);
        DayGenerator days = new DayGenerator(listing, profile, first);
        double price = Double.NaN;
        long lastTradeMs = 0;
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            TradingSession session = calendar.session(date).orElse(null);
            if (session == null || session.regularOpen().toEpochMilli() > atMs) {
                continue;
            }
            for (Bar b : days.minuteBars(date, session, false)) {
                if (b.t() > atMs) {
                    break;
                }
                price = b.c();
                lastTradeMs = b.t();
            }
        }
        if (Double.isNaN(price)) {
            price = new SimulatedPrices(profile).close(last);
        }
        return new SimulatedInstrument(listing, price, profile.decimals(), profile.dailyVol(), profile.dailyVolume(),
                Math.max(1, profile.avgTradeSize()), lastTradeMs, profile.seed());
    }

    private static final int LOOKBACK_DAYS = 10;

    private static LocalDate clamp(LocalDate d, MarketCalendar calendar) {
        LocalDate min = LocalDate.of(calendar.firstYear(), 1, 1);
        LocalDate max = LocalDate.of(calendar.lastYear(), 12, 31);
        return d.isBefore(min) ? min : d.isAfter(max) ? max : d;
    }

    /** Generates one session's minute bars, walking the daily close path forward date by date. */
    private final class DayGenerator {
        private final Listing listing;
        private final InstrumentProfile profile;
        private final SimulatedPrices prices;
        private LocalDate walkDate;
        private double walkLogClose;

        DayGenerator(Listing listing, InstrumentProfile profile, LocalDate start) {
            this.listing = listing;
            this.profile = profile;
            this.prices = new SimulatedPrices(profile);
            this.walkDate = start;
            this.walkLogClose = Math.log(prices.close(start));
        }

        private double logCloseOn(LocalDate date) {
            while (walkDate.isBefore(date)) {
                walkDate = walkDate.plusDays(1);
                walkLogClose += prices.logReturn(walkDate.toEpochDay());
            }
            return walkLogClose;
        }

        List<Bar> minuteBars(LocalDate date, TradingSession session, boolean extended) {
            long day = date.toEpochDay();
            long seed = profile.seed() ^ CounterRandom.mix(0x5eed_da7aL + day);
            double logClose = logCloseOn(date);
            double prevLogClose = logClose - prices.logReturn(day);
            double sigma = profile.dailyVol();
            // overnight gap: a quarter of the day's move happens before the open
            double logOpen = prevLogClose + 0.25 * (logClose - prevLogClose) + 0.2 * sigma * CounterRandom.gaussian(seed, 0);
            double raw = actions.rawPriceFactor(listing.symbol(), date);
            double dayVolume = profile.dailyVolume() * Math.exp(0.35 * CounterRandom.gaussian(seed, 1) - 0.06);

            List<Bar> bars = new ArrayList<>();
            if (extended) {
                for (PhaseWindow w : session.phases()) {
                    if (w.phase() == MarketPhase.PRE_MARKET) { // drifts from yesterday's close to today's open
                        segment(bars, w.start().toEpochMilli(), w.end().toEpochMilli(), prevLogClose, logOpen, sigma * 0.3,
                                dayVolume * 0.03, seed, 1_000_000L, raw);
                    }
                }
            }
            segment(bars, session.regularOpen().toEpochMilli(), session.regularClose().toEpochMilli(), logOpen, logClose,
                    sigma, dayVolume, seed, 0L, raw);
            if (extended) {
                for (PhaseWindow w : session.phases()) {
                    if (w.phase() == MarketPhase.POST_MARKET) { // news after the close moves it a little
                        double logEnd = logClose + 0.15 * sigma * CounterRandom.gaussian(seed, 2);
                        segment(bars, w.start().toEpochMilli(), w.end().toEpochMilli(), logClose, logEnd, sigma * 0.2,
                                dayVolume * 0.02, seed, 2_000_000L, raw);
                    }
                }
            }
            return bars;
        }

        /**
         * Minute bars over [startMs, endMs) following a Brownian bridge from {@code logFrom} to
         * {@code logTo}, with {@code volume} shares spread in a U shape across the minutes.
         */
        private void segment(List<Bar> bars, long startMs, long endMs, double logFrom, double logTo, double sigma,
                             double volume, long seed, long counterBase, double rawFactor) {
            int minutes = (int) ((endMs - startMs) / MS_PER_MINUTE);
            if (minutes <= 0) {
                return;
            }
            double step = sigma / Math.sqrt(minutes);
            double[] path = new double[minutes + 1];
            for (int i = 1; i <= minutes; i++) {
                path[i] = path[i - 1] + step * CounterRandom.gaussian(seed, counterBase + 10 + i);
            }
            double end = path[minutes];
            double target = logTo - logFrom;
            boolean traded = profile.dailyVolume() > 0;
            // shares are fewer before a split: raw volume = split-adjusted volume / factor
            double rawVolume = volume / rawFactor;
            double tradesPerMinute = traded ? rawVolume / Math.max(1, profile.avgTradeSize()) / minutes : 0;
            double weightSum = 0;
            for (int i = 0; i < minutes; i++) {
                weightSum += intradayWeight(i, minutes);
            }
            double prev = logFrom;
            for (int i = 1; i <= minutes; i++) {
                double logP = logFrom + path[i] - end * i / minutes + target * i / minutes;
                double o = Math.exp(prev) * rawFactor;
                double c = Math.exp(logP) * rawFactor;
                prev = logP;
                long t = startMs + (long) (i - 1) * MS_PER_MINUTE;
                long counter = counterBase + 100_000L + 4L * i;
                double wick = 0.35 * step;
                double h = Math.max(o, c) * Math.exp(wick * Math.abs(CounterRandom.gaussian(seed, counter)));
                double l = Math.min(o, c) * Math.exp(-wick * Math.abs(CounterRandom.gaussian(seed, counter + 1)));
                if (!traded) {
                    bars.add(rounded(t, o, h, l, c, 0, Bar.NO_COUNT, Double.NaN));
                    continue;
                }
                double weight = intradayWeight(i - 1, minutes) / weightSum * minutes;
                double lambda = tradesPerMinute * weight;
                if (lambda < 1 && CounterRandom.uniform(seed, counter + 2) > 1 - Math.exp(-lambda)) {
                    continue; // nobody traded this minute: no bar, and the price path carries on
                }
                long trades = Math.max(1, Math.round(lambda * (0.5 + CounterRandom.uniform(seed, counter + 3))));
                long v = Math.max(trades, Math.round(rawVolume / minutes * weight)); // at least one share per trade
                bars.add(rounded(t, o, h, l, c, v, trades, (o + h + l + c) / 4));
            }
        }

        /** U-shaped activity: busy at the open and the close, quiet at midday. */
        private static double intradayWeight(int minute, int minutes) {
            double x = (minute + 0.5) / minutes * 2 - 1;
            return 0.55 + 1.6 * x * x;
        }

        private Bar rounded(long t, double o, double h, double l, double c, long v, long n, double vw) {
            // rounding is monotone, so h >= max(o, c) and l <= min(o, c) survive it
            int dp = profile.decimals();
            double floor = Math.pow(10, -dp);
            double ro = round(o, dp);
            double rh = round(h, dp);
            double rl = Math.max(floor, round(l, dp));
            double rc = round(c, dp);
            double rvw = Double.isNaN(vw) ? vw : Math.min(rh, Math.max(rl, round(vw, dp + 2)));
            return new Bar(t, ro, rh, Math.min(rl, Math.min(ro, rc)), rc, v, n, rvw);
        }

        private static double round(double x, int dp) {
            double f = Math.pow(10, dp);
            return Math.round(x * f) / f;
        }
    }
}
