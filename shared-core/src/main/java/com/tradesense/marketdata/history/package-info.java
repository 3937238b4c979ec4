/**
 * Bars, ticks and corporate actions as the historical API serves them: the service that resolves a request
 * in the market's calendar and asks the providers, the adjustment of bars for corporate actions, paging
 * cursors, and the coalescing of identical concurrent requests.
 */
package com.tradesense.marketdata.history;
