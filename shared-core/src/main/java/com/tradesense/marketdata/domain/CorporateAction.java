package com.tradesense.marketdata.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Something the issuer did that changes how past prices compare with today's. Dates are calendar
 * dates in the listing's market time zone. {@code provider} names where the record came from; when
 * providers disagree the exchange's own record wins.
 */
public sealed interface CorporateAction permits CorporateAction.Split, CorporateAction.CashDividend,
        CorporateAction.SymbolChange, CorporateAction.Merger {

    /** The first day the action is in effect (the ex-date for splits and dividends). */
    LocalDate effectiveDate();

    String provider();

    /**
     * A split: {@code ratio} new shares per old share (2.0 for a 2-for-1, 0.1 for a 1-for-10 reverse
     * split). Prices before {@code exDate} divide by the ratio, volumes multiply by it.
     */
    record Split(LocalDate exDate, double ratio, String provider) implements CorporateAction {
        public Split {
            Objects.requireNonNull(exDate, "exDate");
            if (!(ratio > 0) || Double.isInfinite(ratio) || ratio == 1.0) {
                throw new IllegalArgumentException("split ratio must be positive and not 1: " + ratio);
            }
        }

        @Override
        public LocalDate effectiveDate() {
            return exDate;
        }
    }

    /** A cash dividend of {@code amount} per share in {@code currency}; {@code payDate} may be unknown (null). */
    record CashDividend(LocalDate exDate, LocalDate payDate, double amount, String currency, String provider)
            implements CorporateAction {
        public CashDividend {
            Objects.requireNonNull(exDate, "exDate");
            Objects.requireNonNull(currency, "currency");
            if (!(amount > 0) || Double.isInfinite(amount)) {
                throw new IllegalArgumentException("dividend amount must be positive: " + amount);
            }
        }

        @Override
        public LocalDate effectiveDate() {
            return exDate;
        }
    }

    /** The listing traded as {@code oldSymbol} until the day before {@code date}. */
    record SymbolChange(LocalDate date, String oldSymbol, String newSymbol, String provider) implements CorporateAction {
        @Override
        public LocalDate effectiveDate() {
            return date;
        }
    }

    /** The issuer was merged into or absorbed {@code counterparty} on {@code date}; {@code terms} in words. */
    record Merger(LocalDate date, String counterparty, String terms, String provider) implements CorporateAction {
        @Override
        public LocalDate effectiveDate() {
            return date;
        }
    }
}
