package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.symbols.Listing;

/**
 * What a real-time simulator needs to continue an instrument from its simulated history.
 *
 * @param listing      the instrument
 * @param lastPrice    close of the last simulated minute bar at or before the instant asked about
 * @param decimals     price precision: one tick is 10^-decimals
 * @param dailyVol     standard deviation of the daily log return
 * @param dailyVolume  typical shares traded per day (0 for indices and FX, which have no volume)
 * @param avgTradeSize average shares per trade (at least 1)
 * @param lastTradeMs  open time (epoch ms) of that last minute bar, 0 if none was found
 * @param seed         the instrument's stable seed
 */
public record SimulatedInstrument(Listing listing, double lastPrice, int decimals, double dailyVol, long dailyVolume,
                                  int avgTradeSize, long lastTradeMs, long seed) {

    /** The smallest price increment. */
    public double tick() {
        return Math.pow(10, -decimals);
    }
}
