/**
 * What the engine reports about its own work (each provider call's latency and outcome, the age of data
 * served) and what provider calls cost, without knowing who listens: Micrometer in the functions, a
 * recorder in tests, nothing by default.
 */
package com.tradesense.marketdata.telemetry;
