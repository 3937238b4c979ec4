package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.symbols.Listing;

/** A symbol as the search returns it; {@code isin} and {@code sector} are null when unknown. */
public record ListingJson(String symbol, String name, String market, String mic, String type, String currency,
                          String isin, String sector) {
    static ListingJson of(Listing l) {
        return new ListingJson(l.symbol(), l.name(), l.market().name(), l.mic(), l.type().wireName(), l.currency(),
                l.isin(), l.sector());
    }
}
