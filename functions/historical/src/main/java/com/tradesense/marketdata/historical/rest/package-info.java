/**
 * The historical function's HTTP API: OHLCV bars, trade prints, corporate actions, fundamentals, economic
 * indicators and news. Each resource parses and validates, calls one core service and maps the answer to
 * API.md's JSON, with per-pod answer caches.
 */
package com.tradesense.marketdata.historical.rest;
