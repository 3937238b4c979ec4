package com.tradesense.marketdata.bars;

import com.tradesense.marketdata.domain.Bar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What stands between a provider's bars and a client: garbage, gaps and duplicates never pass as is.
 * Adapters build bars through {@link #repair}; the service runs {@link #clean} on every answer.
 */
public final class BarValidator {

    private BarValidator() {
    }

    /** Bars fit to serve, and how many of the provider's had to be fixed or dropped (feeds its quality score). */
    public record Cleaned(List<Bar> bars, int repaired, int dropped) {
    }

    /**
     * A bar from untrusted numbers: a high below the open or close is raised to them and a low above
     * them lowered (providers round independently), a negative or missing volume is refused.
     *
     * @return the bar, or null when it cannot be trusted at all (non-finite or non-positive prices,
     *         negative volume)
     */
    public static Bar repair(long t, double o, double h, double l, double c, long v, long n, double vw) {
        if (!(o > 0 && h > 0 && l > 0 && c > 0) || !Double.isFinite(o + h + l + c) || v < 0) {
            return null;
        }
        double hi = Math.max(h, Math.max(o, c));
        double lo = Math.min(l, Math.min(o, c));
        double w = Double.isFinite(vw) && vw >= lo && vw <= hi ? vw : Double.NaN;
        return new Bar(t, o, hi, lo, c, v, n < 0 ? Bar.NO_COUNT : n, w);
    }

    /**
     * Sorted ascending by open time, one bar per open time (the last one given wins, as a correction
     * would), only bars on the interval grid: for intraday intervals {@code (t - gridOrigin)} must be a
     * multiple of {@code gridMs}; pass {@code gridMs = 0} to skip the grid check (daily and longer).
     */
    public static Cleaned clean(List<Bar> bars, long gridOrigin, long gridMs) {
        int repaired = 0;
        int dropped = 0;
        boolean sorted = true;
        for (int i = 1; i < bars.size(); i++) {
            if (bars.get(i).t() <= bars.get(i - 1).t()) {
                sorted = false;
                break;
            }
        }
        List<Bar> in = bars;
        if (!sorted) {
            in = new ArrayList<>(bars);
            in.sort(Comparator.comparingLong(Bar::t)); // stable: later duplicates stay later
            repaired++;
        }
        List<Bar> out = new ArrayList<>(in.size());
        for (Bar b : in) {
            if (gridMs > 0 && Math.floorMod(b.t() - gridOrigin, gridMs) != 0) {
                dropped++;
                continue;
            }
            if (!out.isEmpty() && out.get(out.size() - 1).t() == b.t()) {
                out.set(out.size() - 1, b);
                dropped++;
                continue;
            }
            out.add(b);
        }
        return new Cleaned(sorted && dropped == 0 ? bars : out, repaired, dropped);
    }
}
