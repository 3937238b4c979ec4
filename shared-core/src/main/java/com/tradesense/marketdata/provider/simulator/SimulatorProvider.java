package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.TradingSession;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.symbols.Listing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
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
 * its close on {@link SimulatedPrices}); every interval is aggregated from those minutes, so a
 * daily bar's high is exactly the highest of its minute bars. Minutes without a simulated trade are
 * omitted, as the API requires, which thinly traded Casablanca shares show.
 */
public final class SimulatorProvider implements Provider {
    public static final String ID = "simulator";
    private static final int MS_PER_MINUTE = 60_000;
    private static final long DAY_SALT = 0x5eed_da7aL;

    private final MarketCalendars calendars;
    private final ReferenceLevels levels;
    private final Map<String, InstrumentProfile> profiles = new ConcurrentHashMap<>();
    private final ProviderCapabilities capabilities = new ProviderCapabilities(
            EnumSet.allOf(Market.class), EnumSet.of(DataType.OHLCV), EnumSet.allOf(Interval.class), false, true);

    public SimulatorProvider(MarketCalendars calendars) {
        this.calendars = calendars;
        this.levels = ReferenceLevels.load();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        MarketCalendar calendar = calendars.of(listing.market());
        InstrumentProfile profile = profiles.computeIfAbsent(listing.symbol(), s -> InstrumentProfile.of(listing, levels));
        Interval interval = request.interval();

        // Sessions are addressed by local date; pad a day each side because an FX day starts the
        // evening before, then filter on the bar open time.
        LocalDate first = LocalDate.ofInstant(request.from(), listing.market().zone()).minusDays(1);
        LocalDate last = LocalDate.ofInstant(request.to(), listing.market().zone()).plusDays(1);
        if (interval == Interval.W1) {
            first = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        } else if (interval == Interval.MO1) {
            first = first.withDayOfMonth(1);
        }
        first = clamp(first, calendar);
        last = clamp(last, calendar);

        DayGenerator days = new DayGenerator(profile, first);
        List<Bar> out = new ArrayList<>();
        BarAccumulator period = new BarAccumulator();
        Object periodKey = null;
        long fromMs = request.from().toEpochMilli();
        long toMs = request.to().toEpochMilli();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            TradingSession session = calendar.session(date).orElse(null);
            if (session == null) {
                continue;
            }
            List<Bar> minutes = days.minuteBars(date, session);
            if (interval.isIntraday()) {
                aggregateIntraday(minutes, session, interval.minutes(), fromMs, toMs, out);
            } else if (interval == Interval.D1) {
                BarAccumulator day = new BarAccumulator();
                minutes.forEach(day::add);
                day.emitIfIn(session.regularOpen().toEpochMilli(), fromMs, toMs, out);
            } else {
                Object key = interval == Interval.W1
                        ? session.date().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        : YearMonth.from(session.date());
                if (!key.equals(periodKey)) {
                    period.emitIfIn(period.openTime, fromMs, toMs, out);
                    period = new BarAccumulator();
                    period.openTime = session.regularOpen().toEpochMilli();
                    periodKey = key;
                }
                minutes.forEach(period::add);
            }
        }
        if (!interval.isIntraday() && interval != Interval.D1) {
            period.emitIfIn(period.openTime, fromMs, toMs, out);
        }
        return out;
    }

    /**
     * The instrument as the simulator sees it at {@code at}: the close of the last simulated minute bar at
     * or before {@code at} (so a real-time stream continues exactly where the historical bars end), its
     * tick precision, volatility and trading activity. Looks back at most {@value #LOOKBACK_DAYS} days.
     */
    public SimulatedInstrument instrument(Listing listing, java.time.Instant at) {
        MarketCalendar calendar = calendars.of(listing.market());
        InstrumentProfile profile = profiles.computeIfAbsent(listing.symbol(), s -> InstrumentProfile.of(listing, levels));
        long atMs = at.toEpochMilli();
        LocalDate last = clamp(LocalDate.ofInstant(at, listing.market().zone()).plusDays(1), calendar);
        LocalDate first = clamp(last.minusDays(LOOKBACK_DAYS), calendar);
        DayGenerator days = new DayGenerator(profile, first);
        double price = Double.NaN;
        long lastTradeMs = 0;
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            TradingSession session = calendar.session(date).orElse(null);
            if (session == null || session.regularOpen().toEpochMilli() > atMs) {
                continue;
            }
            for (Bar b : days.minuteBars(date, session)) {
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

    private static void aggregateIntraday(List<Bar> minutes, TradingSession session, int barMinutes,
                                          long fromMs, long toMs, List<Bar> out) {
        long sessionOpen = session.regularOpen().toEpochMilli();
        long barMs = (long) barMinutes * MS_PER_MINUTE;
        BarAccumulator acc = null;
        long bucketStart = Long.MIN_VALUE;
        for (Bar m : minutes) {
            long start = sessionOpen + ((m.t() - sessionOpen) / barMs) * barMs;
            if (start != bucketStart) {
                if (acc != null) {
                    acc.emitIfIn(bucketStart, fromMs, toMs, out);
                }
                acc = new BarAccumulator();
                bucketStart = start;
            }
            acc.add(m);
        }
        if (acc != null) {
            acc.emitIfIn(bucketStart, fromMs, toMs, out);
        }
    }

    /** Generates one session's minute bars, walking the daily close path forward date by date. */
    private static final class DayGenerator {
        private final InstrumentProfile profile;
        private final SimulatedPrices prices;
        private LocalDate walkDate;
        private double walkLogClose;

        DayGenerator(InstrumentProfile profile, LocalDate start) {
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

        List<Bar> minuteBars(LocalDate date, TradingSession session) {
            long day = date.toEpochDay();
            long seed = profile.seed() ^ CounterRandom.mix(DAY_SALT + day);
            double logClose = logCloseOn(date);
            double prevLogClose = logClose - prices.logReturn(day);
            double sigma = profile.dailyVol();
            // overnight gap: a quarter of the day's move happens before the open
            double logOpen = prevLogClose + 0.25 * (logClose - prevLogClose) + 0.2 * sigma * CounterRandom.gaussian(seed, 0);

            long openMs = session.regularOpen().toEpochMilli();
            int minutes = (int) ((session.regularClose().toEpochMilli() - openMs) / MS_PER_MINUTE);
            if (minutes <= 0) {
                return List.of();
            }
            double step = sigma / Math.sqrt(minutes);
            // Brownian bridge: a free walk, then its end pulled linearly onto the day's close
            double[] path = new double[minutes + 1];
            for (int i = 1; i <= minutes; i++) {
                path[i] = path[i - 1] + step * CounterRandom.gaussian(seed, 10 + i);
            }
            double end = path[minutes];
            double target = logClose - logOpen;

            boolean traded = profile.dailyVolume() > 0;
            double dayVolume = profile.dailyVolume() * Math.exp(0.35 * CounterRandom.gaussian(seed, 1) - 0.06);
            double tradesPerMinute = traded ? dayVolume / Math.max(1, profile.avgTradeSize()) / minutes : 0;
            double weightSum = 0;
            for (int i = 0; i < minutes; i++) {
                weightSum += intradayWeight(i, minutes);
            }

            List<Bar> bars = new ArrayList<>(minutes);
            double prev = logOpen;
            for (int i = 1; i <= minutes; i++) {
                double logP = logOpen + path[i] - end * i / minutes + target * i / minutes;
                double o = Math.exp(prev);
                double c = Math.exp(logP);
                prev = logP;
                long t = openMs + (long) (i - 1) * MS_PER_MINUTE;
                long counter = 100_000L + 4L * i;
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
                long volume = Math.max(1, Math.round(dayVolume / minutes * weight));
                volume = Math.max(volume, trades); // at least one share per trade
                bars.add(rounded(t, o, h, l, c, volume, trades, (o + h + l + c) / 4));
            }
            return bars;
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
            return new Bar(t, round(o, dp), round(h, dp), Math.max(floor, round(l, dp)), round(c, dp), v, n,
                    Double.isNaN(vw) ? vw : round(vw, dp + 2));
        }

        private static double round(double x, int dp) {
            double f = Math.pow(10, dp);
            return Math.round(x * f) / f;
        }
    }

    /** Folds bars into one: first open, highest high, lowest low, last close, summed volume and trades. */
    private static final class BarAccumulator {
        long openTime;
        double o = Double.NaN;
        double h = Double.NEGATIVE_INFINITY;
        double l = Double.POSITIVE_INFINITY;
        double c;
        long v;
        long n;
        double notional;
        boolean counted = true;
        boolean any;

        void add(Bar b) {
            if (!any) {
                o = b.o();
                any = true;
            }
            h = Math.max(h, b.h());
            l = Math.min(l, b.l());
            c = b.c();
            v += b.v();
            if (b.hasTradeCount()) {
                n += b.n();
            } else {
                counted = false;
            }
            if (b.hasVwap()) {
                notional += b.vw() * b.v();
            }
        }

        void emitIfIn(long t, long fromMs, long toMs, List<Bar> out) {
            if (!any || t < fromMs || t >= toMs) {
                return;
            }
            double vwap = v > 0 && notional > 0 ? Math.round(notional / v * 1e6) / 1e6 : Double.NaN;
            if (!Double.isNaN(vwap)) {
                vwap = Math.min(h, Math.max(l, vwap));
            }
            out.add(new Bar(t, o, h, l, c, v, counted ? n : Bar.NO_COUNT, vwap));
        }
    }
}
