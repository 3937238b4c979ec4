package com.tradesense.marketdata.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How historical prices are adjusted for corporate actions.
 * RAW as traded; SPLIT divided by the cumulative split factor after each bar; ALL also adjusted for
 * cash dividends (CRSP / Yahoo method: multiply by 1 - dividend / previous close).
 */
public enum Adjustment {
    RAW, SPLIT, ALL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Adjustment> fromWire(String s) {
        for (Adjustment a : values()) {
            if (a.wireName().equals(s)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
