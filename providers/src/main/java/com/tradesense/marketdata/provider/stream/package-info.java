/**
 * Real-time feeds of real providers (Finnhub trades today): one upstream connection each, subscribed to
 * what clients want, its messages normalized into stream events and its health reported to the router.
 */
package com.tradesense.marketdata.provider.stream;
