package com.tradesense.marketdata.status.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tradesense.marketdata.calendar.Holiday;

/** One closure or early close; {@code closeTime} (market-local) only for early closes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HolidayJson(String date, String name, String status, String closeTime, boolean estimated) {
    static HolidayJson of(Holiday h) {
        return new HolidayJson(h.date().toString(), h.name(), h.status().wireName(),
                h.closeTime() == null ? null : h.closeTime().toString(), h.estimated());
    }
}
