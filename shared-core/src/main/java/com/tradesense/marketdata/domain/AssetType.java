package com.tradesense.marketdata.domain;

import java.util.Locale;
import java.util.Optional;

/** What kind of instrument a symbol names. The wire form is the lower-case name. */
public enum AssetType {
    EQUITY, ETF, INDEX, CURRENCY_PAIR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AssetType> fromWire(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (AssetType t : values()) {
            if (t.wireName().equalsIgnoreCase(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
