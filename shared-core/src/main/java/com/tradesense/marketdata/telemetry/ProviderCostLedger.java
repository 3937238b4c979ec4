package com.tradesense.marketdata.telemetry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.ToDoubleFunction;

/**
 * What the providers have cost today, in US dollars, from a price per call per provider. The day is
 * the UTC calendar day; the total starts again at 00:00 UTC. In-process only: each pod counts its own
 * calls (Prometheus sums the pods).
 *
 * <p>Every call that reached the provider is billed, whatever its outcome: vendors bill requests,
 * not answers.
 */
public final class ProviderCostLedger {
    private final Clock clock;
    private final ToDoubleFunction<String> usdPerCall;
    private final Map<String, Day> days = new ConcurrentHashMap<>();

    /**
     * @param usdPerCall price of one call to the provider with the given id, US dollars (0 for free ones)
     */
    public ProviderCostLedger(Clock clock, ToDoubleFunction<String> usdPerCall) {
        this.clock = clock;
        this.usdPerCall = usdPerCall;
    }

    /** One call to {@code provider} was made now. */
    public void recordCall(String provider) {
        double price = usdPerCall.applyAsDouble(provider);
        day(provider).total.add(price);
    }

    /** Dollars spent on {@code provider} since 00:00 UTC today. */
    public double costTodayUsd(String provider) {
        return day(provider).total.sum();
    }

    /** Price of one call to {@code provider}, US dollars. */
    public double usdPerCall(String provider) {
        return usdPerCall.applyAsDouble(provider);
    }

    private Day day(String provider) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Day d = days.get(provider);
        if (d != null && d.date.equals(today)) {
            return d;
        }
        // first call, or the first of a new UTC day: start a new total
        return days.compute(provider, (id, old) -> old != null && old.date.equals(today) ? old : new Day(today));
    }

    private static final class Day {
        final LocalDate date;
        final DoubleAdder total = new DoubleAdder();

        Day(LocalDate date) {
            this.date = date;
        }
    }
}
