/**
 * The HTTP benchmarks' same-run baselines (a constant JSON answer, a naive year of bars), only in the standalone jar
 * built with {@code -Pbench}: the production jar never serves them.
 */
package com.tradesense.marketdata.bench.baseline;
