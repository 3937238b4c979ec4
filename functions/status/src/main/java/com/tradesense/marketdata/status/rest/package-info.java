/**
 * The status function's HTTP API: markets, their status at an instant, holidays and symbol search,
 * provider status, the data-quality report and the bar cache's statistics and invalidation.
 */
package com.tradesense.marketdata.status.rest;
