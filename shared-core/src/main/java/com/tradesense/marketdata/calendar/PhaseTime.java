package com.tradesense.marketdata.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A phase of a {@link SessionTemplate} in wall-clock time of the calendar's rule zone (the market zone, except
 * FX whose rules are in New York time). A phase whose {@code start} is not before its {@code end} starts on the
 * previous calendar day: FX's {@code OPEN 17:00–17:00} runs from 17:00 the day before to 17:00 on the day.
 */
public record PhaseTime(MarketPhase phase, LocalTime start, LocalTime end) {

    public PhaseTime {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** True when the phase starts on the calendar day before the trading date. */
    public boolean startsPreviousDay() {
        return !start.isBefore(end);
    }
}
