package com.tradesense.marketdata.calendar;

import java.util.Locale;

/** The kind of a calendar day for a market: a full session, a shortened one, or no session at all. */
public enum SessionKind {
    REGULAR, EARLY_CLOSE, HOLIDAY, WEEKEND;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** Lower-case name used on the wire, e.g. {@code "early_close"}. */
    public String wireName() {
        return wireName;
    }
}
