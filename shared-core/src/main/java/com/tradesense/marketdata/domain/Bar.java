package com.tradesense.marketdata.domain;

/**
 * One OHLCV bar. Primitive fields so a year of minute bars is a flat array, not a million boxes.
 *
 * @param t      open time of the bar, epoch milliseconds UTC
 * @param o      first trade price in the bar, in the listing's currency
 * @param h      highest trade price
 * @param l      lowest trade price
 * @param c      last trade price
 * @param v      volume in shares (0 for indices and spot FX, which have no traded volume)
 * @param n      number of trades, or {@link #NO_COUNT} when the source does not say
 * @param vw     volume-weighted average price, or {@code NaN} when the source does not say
 */
public record Bar(long t, double o, double h, double l, double c, long v, long n, double vw) {
    public static final long NO_COUNT = -1;

    public Bar {
        if (!(l <= o && l <= c && h >= o && h >= c && l > 0)) {
            throw new IllegalArgumentException("inconsistent bar at t=" + t + ": o=" + o + " h=" + h + " l=" + l + " c=" + c);
        }
        if (v < 0) {
            throw new IllegalArgumentException("negative volume at t=" + t);
        }
    }

    public boolean hasTradeCount() {
        return n != NO_COUNT;
    }

    public boolean hasVwap() {
        return !Double.isNaN(vw);
    }
}
