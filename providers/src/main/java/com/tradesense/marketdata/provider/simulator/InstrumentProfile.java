package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.Listing;

/**
 * How the simulator moves one instrument: its price level on the anchor date, daily volatility,
 * typical daily volume and price precision. Known instruments take their level from
 * {@code simulator/reference-levels.csv}; the rest get a level drawn from their symbol's seed within
 * the range typical of their market and type, so every symbol is plausible and always the same.
 *
 * @param seed           per-symbol seed of every random draw
 * @param anchorPrice    price (close) on {@link SimulatedPrices#ANCHOR_DAY}, in the listing's currency
 * @param dailyVol       standard deviation of the daily log return
 * @param dailyVolume    typical shares traded per day (0 for instruments without volume)
 * @param decimals       decimal places prices are rounded to (the tick)
 * @param avgTradeSize   average shares per trade, to derive a trade count; 0 when there are no trades
 */
record InstrumentProfile(long seed, double anchorPrice, double dailyVol, long dailyVolume, int decimals, int avgTradeSize) {

    static InstrumentProfile of(Listing listing, ReferenceLevels levels) {
        long seed = CounterRandom.seedOf(listing.symbol());
        ReferenceLevels.Level known = levels.get(listing.symbol());
        double u = CounterRandom.uniform(seed, -1);
        Defaults d = Defaults.of(listing.market(), listing.type());
        double price = known != null ? known.price() : d.minPrice * Math.pow(d.maxPrice / d.minPrice, u);
        long volume = known != null && known.dailyVolume() >= 0 ? known.dailyVolume()
                : (long) (d.minVolume * Math.pow(Math.max(1.0, (double) d.maxVolume / Math.max(1, d.minVolume)), CounterRandom.uniform(seed, -2)));
        int decimals = listing.type() == AssetType.CURRENCY_PAIR ? (price < 1 ? 6 : 4) : (price < 1 ? 4 : 2);
        return new InstrumentProfile(seed, price, d.dailyVol, d.maxVolume == 0 ? 0 : volume, decimals, d.avgTradeSize);
    }

    /** Ranges by market and type, from the typical levels of each (2024-2025). */
    private enum Defaults {
        US_EQUITY(5, 600, 0.018, 200_000, 40_000_000, 120),
        US_ETF(15, 600, 0.011, 50_000, 20_000_000, 200),
        OTC_EQUITY(0.5, 80, 0.025, 5_000, 2_000_000, 300),
        CSE_EQUITY(20, 2_500, 0.012, 500, 150_000, 60),
        CSE_INDEX(800, 20_000, 0.007, 0, 0, 0),
        FX_PAIR(1, 15, 0.0035, 0, 0, 0);

        final double minPrice;
        final double maxPrice;
        final double dailyVol;
        final long minVolume;
        final long maxVolume;
        final int avgTradeSize;

        Defaults(double minPrice, double maxPrice, double dailyVol, long minVolume, long maxVolume, int avgTradeSize) {
            this.minPrice = minPrice;
            this.maxPrice = maxPrice;
            this.dailyVol = dailyVol;
            this.minVolume = minVolume;
            this.maxVolume = maxVolume;
            this.avgTradeSize = avgTradeSize;
        }

        static Defaults of(Market market, AssetType type) {
            return switch (type) {
                case CURRENCY_PAIR -> FX_PAIR;
                case INDEX -> CSE_INDEX;
                case ETF -> US_ETF;
                case EQUITY -> market == Market.CSE ? CSE_EQUITY : market == Market.OTC ? OTC_EQUITY : US_EQUITY;
            };
        }
    }
}
