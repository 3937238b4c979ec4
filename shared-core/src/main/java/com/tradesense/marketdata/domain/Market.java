package com.tradesense.marketdata.domain;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * The markets the engine serves, with the facts that never change per day: the ISO 10383 MIC of the
 * operating exchange, the IANA time zone its calendar dates and sessions are expressed in, and the
 * currency its instruments are quoted in.
 *
 * <p>FX has no MIC (it is an over-the-counter market); its sessions are defined in New York time
 * (Sunday 17:00 to Friday 17:00) but, as the API contract says, FX data is stamped in UTC, so its
 * {@link #zone()} is UTC. The FX market's currency is the dirham because every pair we list is quoted
 * against MAD.
 */
public enum Market {
    NYSE("XNYS", "New York Stock Exchange", "America/New_York", "USD", "US"),
    NASDAQ("XNAS", "Nasdaq Stock Market", "America/New_York", "USD", "US"),
    AMEX("XASE", "NYSE American (formerly the American Stock Exchange)", "America/New_York", "USD", "US"),
    OTC("OTCM", "OTC Markets", "America/New_York", "USD", "US"),
    CSE("XCAS", "Bourse de Casablanca (Casablanca Stock Exchange)", "Africa/Casablanca", "MAD", "MA"),
    FX(null, "Foreign exchange (MAD currency pairs)", "UTC", "MAD", null);

    private final String mic;
    private final String displayName;
    private final ZoneId zone;
    private final String currency;
    private final String country;

    Market(String mic, String displayName, String zone, String currency, String country) {
        this.mic = mic;
        this.displayName = displayName;
        this.zone = ZoneId.of(zone);
        this.currency = currency;
        this.country = country;
    }

    /** ISO 10383 market identifier code of the operating exchange, or {@code null} for FX. */
    public String mic() {
        return mic;
    }

    public String displayName() {
        return displayName;
    }

    /** Time zone of the market's calendar dates and session times. */
    public ZoneId zone() {
        return zone;
    }

    /** ISO 4217 currency the market's prices are in. */
    public String currency() {
        return currency;
    }

    /** ISO 3166 country code, or {@code null} for FX. */
    public String country() {
        return country;
    }

    /** True for the four US equity venues, which share one calendar (the NYSE's). */
    public boolean isUs() {
        return "US".equals(country);
    }

    /** Case-insensitive lookup by code ({@code nyse}) or MIC ({@code XNYS}). */
    public static Optional<Market> find(String codeOrMic) {
        if (codeOrMic == null || codeOrMic.isEmpty() || codeOrMic.length() > 16) {
            return Optional.empty();
        }
        String wanted = codeOrMic.toUpperCase(Locale.ROOT);
        for (Market m : values()) {
            if (m.name().equals(wanted) || wanted.equals(m.mic)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
