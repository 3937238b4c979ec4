package com.tradesense.marketdata.provider;

import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;

import java.util.Set;

/**
 * What a provider can serve, so the router asks only providers that can answer.
 *
 * @param markets   markets it covers
 * @param dataTypes data types it supplies
 * @param intervals bar intervals it supplies natively (others may be aggregated from these)
 * @param realTime  true when its quotes are real time, false when delayed or end of day
 * @param simulated true for the simulator: used for a market only when no real provider covers it
 */
public record ProviderCapabilities(Set<Market> markets, Set<DataType> dataTypes, Set<Interval> intervals,
                                   boolean realTime, boolean simulated) {
    public ProviderCapabilities {
        markets = Set.copyOf(markets);
        dataTypes = Set.copyOf(dataTypes);
        intervals = Set.copyOf(intervals);
    }

    public boolean serves(Market market, DataType type) {
        return markets.contains(market) && dataTypes.contains(type);
    }

    public boolean serves(Market market, DataType type, Interval interval) {
        return serves(market, type) && intervals.contains(interval);
    }
}
