package com.tradesense.marketdata.provider.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The daily close path of one instrument: a geometric random walk over weekdays, pinned to the
 * profile's anchor price on {@link #ANCHOR_DAY}. Each weekday's return depends only on (seed, day), so
 * closes for any date are reproducible without simulating from a fixed start: the close on day d is
 * {@code anchor * exp(sum of returns between the anchor and d)}.
 */
final class SimulatedPrices {
    /** The date the reference levels describe. */
    static final LocalDate ANCHOR_DAY = LocalDate.of(2025, 1, 2);
    /** Annual drift of about 7%, so prices were lower in 2000 and higher in 2035, as markets tend to be. */
    private static final double DAILY_DRIFT = 0.07 / 261;

    private final InstrumentProfile profile;

    SimulatedPrices(InstrumentProfile profile) {
        this.profile = profile;
    }

    /** Log return of weekday {@code epochDay} (0 on weekends, whose moves fold into Monday). */
    double logReturn(long epochDay) {
        if (isWeekend(epochDay)) {
            return 0.0;
        }
        return DAILY_DRIFT + profile.dailyVol() * CounterRandom.gaussian(profile.seed(), epochDay);
    }

    /** Unrounded close on {@code date}; O(|date - anchor|), a few microseconds per year of distance. */
    double close(LocalDate date) {
        long anchor = ANCHOR_DAY.toEpochDay();
        long d = date.toEpochDay();
        double sum = 0;
        if (d > anchor) {
            for (long k = anchor + 1; k <= d; k++) {
                sum += logReturn(k);
            }
        } else {
            for (long k = d + 1; k <= anchor; k++) {
                sum -= logReturn(k);
            }
        }
        return profile.anchorPrice() * Math.exp(sum);
    }

    private static boolean isWeekend(long epochDay) {
        // 1970-01-01 was a Thursday: Math.floorMod(epochDay + 3, 7) is 0 for Monday ... 6 for Sunday
        int dow = (int) Math.floorMod(epochDay + 3, 7L) + 1;
        return dow == DayOfWeek.SATURDAY.getValue() || dow == DayOfWeek.SUNDAY.getValue();
    }
}
