/**
 * The simulator: a deterministic provider of plausible prices, corporate actions, fundamentals, macro
 * series and news for every listed symbol, so the engine answers with nothing installed. Every value is a
 * pure function of (seed, counter), reproducible on any machine and in any order.
 */
package com.tradesense.marketdata.provider.simulator;
