/**
 * The stream's metrics ({@code mde_stream_*} of docs/metrics.md): sessions, frames, drops, feeds and bus,
 * read from the core's counters.
 */
package com.tradesense.marketdata.realtime.metrics;
