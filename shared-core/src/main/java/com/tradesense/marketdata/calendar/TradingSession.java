package com.tradesense.marketdata.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The session of one trading day.
 *
 * @param date         the trading date (market-local; for FX, the New York date the session ends on)
 * @param kind         {@link SessionKind#REGULAR} or {@link SessionKind#EARLY_CLOSE}
 * @param phases       the scheduled phases in time order; gaps between them are {@link MarketPhase#CLOSED}
 * @param regularOpen  start of continuous trading, where intraday bars exist (US 09:30 ET; CSE continuous
 *                     trading; FX the start of the 24-hour day)
 * @param regularClose end of continuous trading (exclusive)
 */
public record TradingSession(LocalDate date, SessionKind kind, List<PhaseWindow> phases, Instant regularOpen,
        Instant regularClose) {

    public TradingSession {
        Objects.requireNonNull(date, "date");
        if (kind != SessionKind.REGULAR && kind != SessionKind.EARLY_CLOSE) {
            throw new IllegalArgumentException("a trading session is regular or early close, not " + kind);
        }
        phases = List.copyOf(phases);
    }

    /** The scheduled phase at {@code at}, {@link MarketPhase#CLOSED} outside every window. */
    public MarketPhase phaseAt(Instant at) {
        for (PhaseWindow w : phases) {
            if (w.contains(at)) {
                return w.phase();
            }
        }
        return MarketPhase.CLOSED;
    }
}
