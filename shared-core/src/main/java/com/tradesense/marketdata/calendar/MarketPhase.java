package com.tradesense.marketdata.calendar;

import java.util.Locale;

/**
 * What a market is doing at an instant. The wire name (lower-case, e.g. {@code pre_market}) is what the
 * status API returns.
 *
 * <ul>
 *   <li>{@link #OPEN}: continuous trading, the regular session (US 09:30–16:00 ET; CSE "négociation en
 *       continu"; FX: the whole 24-hour day).</li>
 *   <li>{@link #PRE_MARKET} / {@link #POST_MARKET}: extended-hours trading outside the regular session. For
 *       the CSE, POST_MARKET covers trading at the closing price and the post-negotiation phase.</li>
 *   <li>{@link #PRE_OPEN}: orders are entered, nothing trades (CSE "pré-négociation").</li>
 *   <li>{@link #OPENING_AUCTION} / {@link #CLOSING_AUCTION}: call auctions (CSE "fixing").</li>
 *   <li>{@link #HALTED}: market-wide halt; never produced by the schedule, reserved for live overrides.</li>
 * </ul>
 */
public enum MarketPhase {
    OPEN, CLOSED, PRE_MARKET, POST_MARKET, PRE_OPEN, OPENING_AUCTION, CLOSING_AUCTION, HALTED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** Lower-case name used on the wire, e.g. {@code "pre_market"}. */
    public String wireName() {
        return wireName;
    }
}
