package com.tradesense.marketdata.provider;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.domain.Tick;
import com.tradesense.marketdata.symbols.Listing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A source of market data: a vendor adapter, or the simulator. Implementations translate canonical
 * symbols to the vendor's symbology, call it, check the answer's shape and normalize it.
 *
 * <p>Methods for data types a provider does not declare in {@link #capabilities()} are never called;
 * their defaults say so loudly. Every method may throw {@link ProviderException}; anything else
 * escaping an adapter is a bug.
 */
public interface Provider {

    /** Stable id, as shown in {@code source.provider}: {@code simulator}, {@code polygon}, ... */
    String id();

    ProviderCapabilities capabilities();

    /**
     * True for the exchange's own feed (Bourse de Casablanca, ...): its corporate actions win
     * conflicts with vendors' copies.
     */
    default boolean isExchange() {
        return false;
    }

    /**
     * Bars of one listing in {@code [request.from, request.to)}, oldest first, unadjusted (as traded),
     * only for intervals with trades. Prices in the listing's currency.
     */
    List<Bar> bars(BarRequest request);

    /** Trade prints with {@code from <= t < to}, oldest first, at most {@code max} of them. */
    default List<Tick> ticks(Listing listing, Instant from, Instant to, int max) {
        throw notCovered("ticks");
    }

    /** Splits, dividends, symbol changes and mergers effective in {@code [from, to]}, oldest first. */
    default List<CorporateAction> corporateActions(Listing listing, LocalDate from, LocalDate to) {
        throw notCovered("corporate actions");
    }

    /** Profile, latest statements and ratios of an equity. */
    default Fundamentals fundamentals(Listing listing) {
        throw notCovered("fundamentals");
    }

    /** One macro series for {@code country} (ISO code: US, MA) with observations in {@code [from, to]}. */
    default EconomicSeries economicSeries(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        throw notCovered("economic indicators");
    }

    /** Stories about any of {@code symbols} (all stories when empty) published at or after {@code from}, newest first. */
    default List<NewsItem> news(List<Listing> symbols, Instant from, int max) {
        throw notCovered("news");
    }

    private ProviderException notCovered(String what) {
        return new ProviderException(id(), ProviderException.Reason.NOT_COVERED, "does not provide " + what);
    }
}
