package com.tradesense.marketdata.stream;

import java.util.Locale;
import java.util.Optional;

/** The real-time channels of the stream API; the wire name is the lower-case name. */
public enum Channel {
    LEVEL1, LEVEL2, TRADES, NEWS, STATUS;

    /** Number of channels, for per-channel arrays indexed by {@link #ordinal()}. */
    public static final int COUNT = values().length;
    private static final Channel[] VALUES = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** True for the channels that can be subscribed by market ({@code "markets":["NYSE"]}). */
    public boolean allowsMarkets() {
        return this == NEWS || this == STATUS;
    }

    public static Channel of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Exact, case-sensitive lookup of a wire name. */
    public static Optional<Channel> fromWire(String s) {
        if (s != null) {
            for (Channel c : VALUES) {
                if (c.wireName.equals(s)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }
}
