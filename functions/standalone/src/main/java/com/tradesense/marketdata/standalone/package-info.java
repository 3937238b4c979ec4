/**
 * The standalone process: the three functions in one JVM with embedded defaults, plus the same-run
 * baselines the HTTP benchmarks compare against.
 */
package com.tradesense.marketdata.standalone;
