package com.tradesense.marketdata.symbols;

import java.util.List;

/**
 * One page of a symbol search.
 *
 * @param items the listings of this page, in ranking order (at most the requested limit)
 * @param next  opaque cursor for the following page, or {@code null} when this page is the last
 */
public record SearchPage(List<Listing> items, String next) {

    public SearchPage {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return next != null;
    }
}
