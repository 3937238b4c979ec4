package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.Adjustment;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.symbols.Listing;

import java.time.LocalDate;
import java.util.List;

/**
 * One page of bars for a listing, with its provenance.
 *
 * @param adjustment      the adjustment actually applied (RAW when corporate actions could not be had)
 * @param adjustedThrough ex-date of the latest corporate action the adjustment accounts for, or null when none
 * @param extendedHours   true when intraday bars include US pre- and post-market trading
 * @param next            opaque cursor of the following page, or {@code null} when this is the last
 */
public record BarSeries(Listing listing, Interval interval, Adjustment adjustment, LocalDate adjustedThrough,
                        boolean extendedHours, List<Bar> bars, Source source, String next) {
    public BarSeries {
        bars = List.copyOf(bars);
    }
}
