/**
 * Bar arithmetic every source of bars shares: building and cleaning bars from raw figures (garbage, gaps
 * and duplicates never pass as is) and resampling finer bars into coarser ones in the market's calendar.
 * Below the providers and the history service, so adapters, the simulator and the service use one
 * implementation.
 */
package com.tradesense.marketdata.bars;
