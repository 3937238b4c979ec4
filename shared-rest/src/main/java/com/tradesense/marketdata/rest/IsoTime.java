package com.tradesense.marketdata.rest;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Instants on the wire: ISO-8601 with seconds and the offset in force ({@code 2026-11-27T09:30:00-05:00}). */
public final class IsoTime {
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private IsoTime() {
    }

    public static String format(ZonedDateTime t) {
        return t == null ? null : WITH_OFFSET.format(t);
    }
}
