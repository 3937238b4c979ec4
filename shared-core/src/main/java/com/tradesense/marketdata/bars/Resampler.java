package com.tradesense.marketdata.bars;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.TradingSession;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds coarser bars from finer ones the way exchanges and charting users expect, in the market's
 * own calendar: intraday buckets are aligned to the session's regular open (US hourly bars open at
 * 09:30, 10:30, ... New York, the last one short), a daily bar is one session (not a UTC day) opening
 * at the session's regular open, a weekly bar starts on the week's first session and a monthly bar on
 * the month's first session. Buckets without trades produce no bar. Early closes and holidays need no
 * special case: they simply have fewer (or no) finer bars.
 */
public final class Resampler {
    private static final long MS_PER_MINUTE = 60_000;

    private Resampler() {
    }

    /**
     * The finest interval a provider must supply so that {@code target} can be built from it, given
     * the intervals it has natively; {@code target} itself when native. Intraday sources must divide
     * the target and share its alignment (a source of 1h bars cannot make 30m bars); calendar intervals
     * come from daily bars, or from intraday ones when the provider has no daily bars.
     */
    public static Interval sourceFor(Interval target, Set<Interval> available) {
        if (available.contains(target)) {
            return target;
        }
        Interval best = null;
        if (target.isIntraday()) {
            for (Interval i : available) {
                if (i.isIntraday() && target.minutes() % i.minutes() == 0 && (best == null || i.minutes() > best.minutes())) {
                    best = i;
                }
            }
            return best;
        }
        if (target != Interval.D1 && available.contains(Interval.D1)) {
            return Interval.D1;
        }
        for (Interval i : available) { // the coarsest intraday interval that fits a session
            if (i.isIntraday() && (best == null || i.minutes() > best.minutes())) {
                best = i;
            }
        }
        return best;
    }

    /** Bars of {@code source} interval, oldest first, resampled to {@code target}. */
    public static List<Bar> resample(List<Bar> bars, Interval source, Interval target, MarketCalendar calendar) {
        if (source == target || bars.isEmpty()) {
            return bars;
        }
        if (target.isIntraday()) {
            if (!source.isIntraday() || target.minutes() % source.minutes() != 0) {
                throw new IllegalArgumentException("cannot build " + target.wireName() + " bars from " + source.wireName());
            }
            return intraday(bars, target.minutes(), calendar);
        }
        List<Bar> daily = source.isIntraday() ? sessions(bars, calendar) : bars;
        return target == Interval.D1 ? daily : periods(daily, target, calendar);
    }

    /** Intraday bars of {@code minutes}, aligned to each session's regular open. */
    public static List<Bar> intraday(List<Bar> finer, int minutes, MarketCalendar calendar) {
        List<Bar> out = new ArrayList<>();
        SessionLocator sessions = new SessionLocator(calendar);
        long bucketMs = minutes * MS_PER_MINUTE;
        Folder folder = new Folder();
        long bucket = Long.MIN_VALUE;
        for (Bar b : finer) {
            TradingSession s = sessions.containing(b.t());
            if (s == null) {
                continue; // outside every session: not a bar this market can have
            }
            long open = s.regularOpen().toEpochMilli();
            long start = open + Math.floorDiv(b.t() - open, bucketMs) * bucketMs;
            if (start != bucket) {
                folder.emit(bucket, out);
                bucket = start;
            }
            folder.add(b);
        }
        folder.emit(bucket, out);
        return out;
    }

    /** One bar per session, opening at the session's regular open. */
    public static List<Bar> sessions(List<Bar> finer, MarketCalendar calendar) {
        List<Bar> out = new ArrayList<>();
        SessionLocator sessions = new SessionLocator(calendar);
        Folder folder = new Folder();
        long current = Long.MIN_VALUE;
        for (Bar b : finer) {
            TradingSession s = sessions.containing(b.t());
            if (s == null) {
                continue;
            }
            long open = s.regularOpen().toEpochMilli();
            if (open != current) {
                folder.emit(current, out);
                current = open;
            }
            folder.add(b);
        }
        folder.emit(current, out);
        return out;
    }

    /** Daily bars folded into weeks (Monday to Friday) or calendar months, each opening with its first session. */
    public static List<Bar> periods(List<Bar> daily, Interval interval, MarketCalendar calendar) {
        if (interval != Interval.W1 && interval != Interval.MO1) {
            throw new IllegalArgumentException("not a calendar period: " + interval.wireName());
        }
        List<Bar> out = new ArrayList<>();
        SessionLocator sessions = new SessionLocator(calendar);
        Folder folder = new Folder();
        LocalDate period = null;
        long open = Long.MIN_VALUE;
        for (Bar b : daily) {
            TradingSession s = sessions.containing(b.t());
            if (s == null) {
                continue;
            }
            LocalDate key = interval == Interval.W1
                    ? s.date().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    : s.date().withDayOfMonth(1);
            if (!key.equals(period)) {
                folder.emit(open, out);
                period = key;
                open = b.t();
            }
            folder.add(b);
        }
        folder.emit(open, out);
        return out;
    }

    /**
     * Finds the trading session an instant belongs to, from its first phase (pre-market included) to
     * its last. Bars come in time order, so the last session found usually answers the next bar.
     */
    public static final class SessionLocator {
        private final MarketCalendar calendar;
        private TradingSession last;

        public SessionLocator(MarketCalendar calendar) {
            this.calendar = calendar;
        }

        public TradingSession containing(long t) {
            if (last != null && covers(last, t)) {
                return last;
            }
            LocalDate local = LocalDate.ofInstant(Instant.ofEpochMilli(t), calendar.market().zone());
            // an FX session is dated by its New York close, up to a day after its UTC open
            for (LocalDate d = local.minusDays(1); !d.isAfter(local.plusDays(1)); d = d.plus(1, ChronoUnit.DAYS)) {
                if (d.getYear() < calendar.firstYear() || d.getYear() > calendar.lastYear()) {
                    continue;
                }
                TradingSession s = calendar.session(d).orElse(null);
                if (s != null && covers(s, t)) {
                    last = s;
                    return s;
                }
            }
            return null;
        }

        private static boolean covers(TradingSession s, long t) {
            long start = Math.min(s.regularOpen().toEpochMilli(), s.phases().get(0).start().toEpochMilli());
            long end = Math.max(s.regularClose().toEpochMilli(), s.phases().get(s.phases().size() - 1).end().toEpochMilli());
            return t >= start && t < end;
        }
    }

    /** Folds bars into one: first open, highest high, lowest low, last close, summed volume and trades. */
    static final class Folder {
        private double o;
        private double h;
        private double l;
        private double c;
        private long v;
        private long n;
        private double notional;
        private boolean counted;
        private boolean weighted;
        private boolean any;

        void add(Bar b) {
            if (!any) {
                o = b.o();
                h = b.h();
                l = b.l();
                counted = true;
                weighted = true;
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
            } else {
                weighted = false;
            }
        }

        /** Appends the folded bar opening at {@code t} (if any bar was added) and starts over. */
        void emit(long t, List<Bar> out) {
            if (any) {
                double vwap = weighted && v > 0 ? Math.min(h, Math.max(l, Math.round(notional / v * 1e6) / 1e6)) : Double.NaN;
                out.add(new Bar(t, o, h, l, c, v, counted ? n : Bar.NO_COUNT, vwap));
            }
            any = false;
            v = 0;
            n = 0;
            notional = 0;
        }
    }
}
