/**
 * The engine's value types, the words every other package speaks: symbols, markets, bars, ticks, corporate
 * actions, fundamentals (with the statement line items and the ratios derived from them), provenance, and
 * the errors a request can end in. Framework-free, with no dependency on any other package of the engine.
 */
package com.tradesense.marketdata.domain;
