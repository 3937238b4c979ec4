package com.tradesense.marketdata.stream;

import com.tradesense.marketdata.symbols.Listing;

/** A fixed starting state: 100.00 / 100.01 with a five-level ladder. */
final class TestSeeder implements StreamHub.Seeder {
    @Override
    public StreamEvent.Level1Quote initialQuote(Listing listing, long nowMs) {
        return new StreamEvent.Level1Quote(listing.symbol(), nowMs, 100.00, 100, 100.01, 100, 100.00, 10, 0);
    }

    @Override
    public void initialBook(Listing listing, StreamEvent.Level1Quote quote, OrderBook book) {
        for (int i = 0; i < 5; i++) {
            book.set(true, Math.round((100.00 - i * 0.01) * 100) / 100.0, 100);
            book.set(false, Math.round((100.01 + i * 0.01) * 100) / 100.0, 100);
        }
    }
}
