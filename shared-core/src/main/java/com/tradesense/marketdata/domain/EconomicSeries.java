package com.tradesense.marketdata.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Observations of one indicator for one country ({@code US} or {@code MA}), oldest first.
 *
 * @param frequency how often it is published: monthly, quarterly, annual, irregular (policy rate decisions)
 */
public record EconomicSeries(String country, EconomicIndicator indicator, String unit, String frequency,
                             List<Observation> observations, Source source) {

    /** The value for the period starting (or, for decisions, effective) on {@code date}. */
    public record Observation(LocalDate date, double value) {
    }
}
