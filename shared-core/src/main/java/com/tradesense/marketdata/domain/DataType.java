package com.tradesense.marketdata.domain;

import java.util.Locale;

/** The kinds of data the engine serves; providers declare which they can supply. */
public enum DataType {
    OHLCV, TICKS, QUOTES, ORDER_BOOK, TRADES, FUNDAMENTALS, CORPORATE_ACTIONS, NEWS, ECONOMIC_INDICATORS, MARKET_STATUS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
