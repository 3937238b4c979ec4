/**
 * The simulator: a deterministic provider of plausible prices, corporate actions, fundamentals, macro
 * series and news for every listed symbol, and the real-time stream of standalone mode that continues its
 * bars, so the engine answers with nothing installed. Historical values are a pure function of (seed,
 * counter), reproducible on any machine and in any order.
 */
package com.tradesense.marketdata.provider.simulator;
