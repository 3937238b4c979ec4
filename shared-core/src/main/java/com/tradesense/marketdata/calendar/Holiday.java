package com.tradesense.marketdata.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A day on which a market is closed or closes early.
 *
 * @param date      the market-local date (for US holidays, the observed date)
 * @param name      the holiday's name, e.g. "Good Friday", "Eid al-Fitr (day 2)"
 * @param status    closed for the day, or early close
 * @param closeTime market-local end of the regular session on an early close; {@code null} when closed
 * @param estimated true when the date is an estimate (lunar holidays not yet announced, or not confirmed
 *                  by a source we hold)
 * @param source    where the date or the rule that produced it comes from
 */
public record Holiday(LocalDate date, String name, HolidayStatus status, LocalTime closeTime, boolean estimated,
        String source) {

    public Holiday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (status == HolidayStatus.EARLY_CLOSE && closeTime == null) {
            throw new IllegalArgumentException("an early close needs a close time: " + date + " " + name);
        }
        if (status == HolidayStatus.CLOSED && closeTime != null) {
            throw new IllegalArgumentException("a closed day has no close time: " + date + " " + name);
        }
    }
}
