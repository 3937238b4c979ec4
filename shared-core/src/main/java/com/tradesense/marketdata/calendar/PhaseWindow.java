package com.tradesense.marketdata.calendar;

import java.time.Instant;
import java.util.Objects;

/** One phase of a trading session, from {@code start} (inclusive) to {@code end} (exclusive). */
public record PhaseWindow(MarketPhase phase, Instant start, Instant end) {

    public PhaseWindow {
        Objects.requireNonNull(phase, "phase");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("phase window must end after it starts: " + start + " .. " + end);
        }
    }

    /** True when {@code at} is in [start, end). */
    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
