package com.tradesense.marketdata.domain;

import java.util.Optional;

/** The macro series the API serves, with their unit and how often they are published. */
public enum EconomicIndicator {
    GDP("gdp", "Real GDP growth, year on year", "percent", "quarterly"),
    INFLATION("inflation", "Consumer price inflation, year on year", "percent", "monthly"),
    UNEMPLOYMENT("unemployment", "Unemployment rate", "percent", "quarterly"),
    POLICY_RATE("policy-rate", "Central bank policy rate", "percent", "irregular");

    private final String wireName;
    private final String title;
    private final String unit;
    private final String frequency;

    EconomicIndicator(String wireName, String title, String unit, String frequency) {
        this.wireName = wireName;
        this.title = title;
        this.unit = unit;
        this.frequency = frequency;
    }

    public String wireName() {
        return wireName;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** Default publication frequency; a country's series may differ (US unemployment is monthly). */
    public String frequency() {
        return frequency;
    }

    public static Optional<EconomicIndicator> fromWire(String s) {
        for (EconomicIndicator i : values()) {
            if (i.wireName.equals(s)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
