package com.tradesense.marketdata.rest;

import com.tradesense.marketdata.domain.Source;

/** Provenance as every data response carries it: {@code {"provider","cache","stale","asOf"}}. */
public record SourceJson(String provider, String cache, boolean stale, String asOf) {
    public static SourceJson of(Source s) {
        return new SourceJson(s.provider(), s.cache().wireName(), s.stale(), s.asOf().toString());
    }
}
