package com.tradesense.marketdata.calendar;

import java.util.List;
import java.util.Objects;

/**
 * A named timetable (e.g. "regular", "early_close", "ramadan") as published by the exchange, in market-local
 * wall-clock times. For FX the times are New York times (see {@link PhaseTime}).
 */
public record SessionTemplate(String name, List<PhaseTime> phases) {

    public SessionTemplate {
        Objects.requireNonNull(name, "name");
        phases = List.copyOf(phases);
    }
}
