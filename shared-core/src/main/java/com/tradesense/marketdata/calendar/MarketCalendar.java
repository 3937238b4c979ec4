package com.tradesense.marketdata.calendar;

import com.tradesense.marketdata.domain.Market;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A market's trading calendar: which days trade, the phases of each session, and the holidays. Immutable and
 * thread-safe. Every method taking a date or an instant throws {@link IllegalArgumentException} outside
 * {@link #firstYear()}..{@link #lastYear()}.
 */
public interface MarketCalendar {

    Market market();

    /**
     * The market's status at {@code at}. A pure function of the instant, built from precomputed tables: no
     * scanning, O(log n) and little allocation.
     */
    MarketStatus statusAt(Instant at);

    /** True when {@code date} (market-local; FX: New York trading date) has a session. O(1). */
    boolean isTradingDay(LocalDate date);

    /** The session of {@code date}, empty on weekends and holidays. */
    Optional<TradingSession> session(LocalDate date);

    /** The first trading day strictly after {@code after}. */
    LocalDate nextTradingDay(LocalDate after);

    /** The last trading day strictly before {@code before}. */
    LocalDate previousTradingDay(LocalDate before);

    /** Closures and early closes with dates in [fromInclusive, toInclusive], sorted by date. */
    List<Holiday> holidays(LocalDate fromInclusive, LocalDate toInclusive);

    /** The timetables the market uses (shown as "sessions" by {@code GET /markets}). */
    List<SessionTemplate> sessionTemplates();

    /** First supported year (inclusive). */
    int firstYear();

    /** Last supported year (inclusive). */
    int lastYear();
}
