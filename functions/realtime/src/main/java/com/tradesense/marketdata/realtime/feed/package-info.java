/**
 * Runs the real provider feeds (Finnhub trades when configured) for as long as this process runs the
 * upstream: always in standalone, during each lease term in services mode.
 */
package com.tradesense.marketdata.realtime.feed;
