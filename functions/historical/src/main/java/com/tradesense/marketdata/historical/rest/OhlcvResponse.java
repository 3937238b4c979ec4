package com.tradesense.marketdata.historical.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.history.BarSeries;
import com.tradesense.marketdata.rest.SourceJson;
import com.tradesense.marketdata.symbols.Listing;

import java.util.ArrayList;
import java.util.List;

/**
 * The OHLCV envelope of API.md, plus {@code session} (regular or extended) and {@code adjustedThrough}:
 * the ex-date of the latest corporate action the adjustment accounts for (null when none).
 */
public record OhlcvResponse(String symbol, String market, String currency, String timezone, String interval,
                            String session, String adjustment, String adjustedThrough, List<BarJson> bars,
                            SourceJson source, String next) {

    /** One bar; {@code n} and {@code vw} are left out when the source does not have them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BarJson(long t, double o, double h, double l, double c, long v, Long n, Double vw) {
        static BarJson of(Bar b) {
            return new BarJson(b.t(), b.o(), b.h(), b.l(), b.c(), b.v(),
                    b.hasTradeCount() ? b.n() : null, b.hasVwap() ? b.vw() : null);
        }
    }

    static OhlcvResponse of(BarSeries s) {
        Listing l = s.listing();
        List<BarJson> bars = new ArrayList<>(s.bars().size());
        for (Bar b : s.bars()) {
            bars.add(BarJson.of(b));
        }
        return new OhlcvResponse(l.symbol(), l.market().name(), l.currency(), l.market().zone().getId(),
                s.interval().wireName(), s.extendedHours() ? "extended" : "regular", s.adjustment().wireName(),
                s.adjustedThrough() == null ? null : s.adjustedThrough().toString(), bars, SourceJson.of(s.source()), s.next());
    }
}
