package com.tradesense.marketdata.domain;

/**
 * One trade print.
 *
 * @param t          trade time, epoch milliseconds UTC
 * @param p          price in the listing's currency
 * @param s          size in shares
 * @param venue      MIC of the venue that printed it, or null when unknown
 * @param conditions trade condition codes as the source gives them, or null
 */
public record Tick(long t, double p, long s, String venue, String conditions) {
    public Tick {
        if (!(p > 0) || s <= 0) {
            throw new IllegalArgumentException("a trade needs a positive price and size at t=" + t);
        }
    }
}
