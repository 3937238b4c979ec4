package com.tradesense.marketdata.calendar;

import java.util.Locale;

/** Whether a holiday closes the market for the day or only shortens the session. */
public enum HolidayStatus {
    CLOSED, EARLY_CLOSE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** Lower-case name used on the wire: {@code "closed"} or {@code "early_close"}. */
    public String wireName() {
        return wireName;
    }
}
