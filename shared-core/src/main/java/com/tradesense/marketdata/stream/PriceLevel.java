package com.tradesense.marketdata.stream;

/** One price level of a book: the price and the total size resting there (0 in a delta: level removed). */
public record PriceLevel(double price, long size) {
    public PriceLevel {
        if (!(price > 0) || size < 0) {
            throw new IllegalArgumentException("price must be positive and size not negative: " + price + " x " + size);
        }
    }
}
