package com.tradesense.marketdata.domain;

import java.util.Locale;

/** Where a response was found: {@code none} means it was fetched from the provider for this request. */
public enum CacheLayer {
    NONE, LOCAL, REDIS, INFINISPAN, POSTGRES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
