package com.tradesense.marketdata.provider;

import com.tradesense.marketdata.domain.Bar;

import java.util.List;

/**
 * A source of market data: a vendor adapter, or the simulator. Implementations translate canonical
 * symbols to the vendor's symbology, call it, check the answer's shape and normalize it.
 *
 * <p>Methods for data types a provider does not declare in {@link #capabilities()} are never called.
 * Every method may throw {@link ProviderException}; anything else escaping an adapter is a bug.
 */
public interface Provider {

    /** Stable id, as shown in {@code source.provider}: {@code simulator}, {@code polygon}, ... */
    String id();

    ProviderCapabilities capabilities();

    /**
     * Bars of one listing in {@code [request.from, request.to)}, oldest first, unadjusted (as traded),
     * only for intervals with trades. Prices in the listing's currency.
     */
    List<Bar> bars(BarRequest request);
}
