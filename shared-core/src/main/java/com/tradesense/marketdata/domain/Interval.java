package com.tradesense.marketdata.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * Bar intervals of the API ({@code 1m 5m 15m 30m 1h 1d 1w 1mo}). Intraday intervals have a fixed
 * length and are aligned to the session open; daily and longer ones follow the market's calendar
 * (a week is its trading days Monday to Friday, a month its trading days in the calendar month).
 */
public enum Interval {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    D1("1d", null),
    W1("1w", null),
    MO1("1mo", null);

    private final String wireName;
    private final Duration length;

    Interval(String wireName, Duration length) {
        this.wireName = wireName;
        this.length = length;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isIntraday() {
        return length != null;
    }

    /** Length of an intraday bar; empty for calendar intervals. */
    public Optional<Duration> length() {
        return Optional.ofNullable(length);
    }

    /** Minutes per intraday bar (1 for {@code 1m}); 0 for calendar intervals. */
    public int minutes() {
        return length == null ? 0 : (int) length.toMinutes();
    }

    public static Optional<Interval> fromWire(String s) {
        for (Interval i : values()) {
            if (i.wireName.equals(s)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
