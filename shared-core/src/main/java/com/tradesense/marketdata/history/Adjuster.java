package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.Adjustment;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.CorporateAction.CashDividend;
import com.tradesense.marketdata.domain.CorporateAction.Split;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Backward adjustment of raw (as traded) bars for corporate actions, the CRSP / Yahoo method: every
 * action multiplies the prices of the bars before its ex-date by a factor, so the latest prices stay
 * as traded and the past is made comparable with them.
 * <ul>
 *   <li>a split of ratio r (new shares per old share) divides earlier prices by r and multiplies
 *       earlier volumes by r;</li>
 *   <li>a cash dividend D, with P the raw close of the session before the ex-date, multiplies earlier
 *       prices by (1 − D / P), volumes unchanged.</li>
 * </ul>
 * A bar's factor is the product of the factors of all actions whose ex-date is after the bar's
 * session date.
 */
public final class Adjuster {

    private Adjuster() {
    }

    /** The price factor of one dividend: 1 − D/P; 1 when P is unknown or not above D (bad data: ignore the action). */
    public static double dividendFactor(double amount, double previousClose) {
        if (!(previousClose > amount)) {
            return 1.0;
        }
        return 1.0 - amount / previousClose;
    }

    /**
     * @param raw            bars as traded, oldest first
     * @param actions        actions, any order; only splits and cash dividends change prices
     * @param mode           RAW returns {@code raw} unchanged; SPLIT applies splits; ALL applies splits and dividends
     * @param sessionDate    the session date of a bar open time (market-local)
     * @param previousClose  raw close of the session before an ex-date, for dividends (ALL only)
     */
    public static List<Bar> adjust(List<Bar> raw, List<CorporateAction> actions, Adjustment mode,
                                   LongFunction<LocalDate> sessionDate, java.util.function.Function<LocalDate, Double> previousClose) {
        if (mode == Adjustment.RAW || raw.isEmpty()) {
            return raw;
        }
        List<Step> steps = new ArrayList<>();
        for (CorporateAction a : actions) {
            if (a instanceof Split s) {
                steps.add(new Step(s.exDate(), 1.0 / s.ratio(), s.ratio()));
            } else if (a instanceof CashDividend d && mode == Adjustment.ALL) {
                Double p = previousClose.apply(d.exDate());
                double f = dividendFactor(d.amount(), p == null ? Double.NaN : p);
                if (f != 1.0) {
                    steps.add(new Step(d.exDate(), f, 1.0));
                }
            }
        }
        if (steps.isEmpty()) {
            return raw;
        }
        steps.sort((x, y) -> x.exDate.compareTo(y.exDate));
        // Walk bars newest to oldest, multiplying in each action as its ex-date is passed.
        List<Bar> out = new ArrayList<>(raw);
        int k = steps.size() - 1;
        double price = 1.0;
        double volume = 1.0;
        for (int i = raw.size() - 1; i >= 0; i--) {
            Bar b = raw.get(i);
            LocalDate date = sessionDate.apply(b.t());
            while (k >= 0 && steps.get(k).exDate.isAfter(date)) {
                price *= steps.get(k).price;
                volume *= steps.get(k).volume;
                k--;
            }
            if (price != 1.0 || volume != 1.0) {
                out.set(i, scale(b, price, volume));
            }
        }
        return out;
    }

    private static Bar scale(Bar b, double price, double volume) {
        double o = round(b.o() * price);
        double h = round(b.h() * price);
        double l = round(b.l() * price);
        double c = round(b.c() * price);
        double vw = b.hasVwap() ? Math.min(h, Math.max(l, round(b.vw() * price))) : Double.NaN;
        return new Bar(b.t(), o, h, l, c, Math.round(b.v() * volume), b.n(), vw);
    }

    /** Adjusted prices keep 6 significant decimals: enough to reproduce the raw price to the cent. */
    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    private record Step(LocalDate exDate, double price, double volume) {
    }
}
