/**
 * The engine's telemetry as Prometheus metrics through Micrometer, and the provider cost ledger priced
 * from configuration.
 */
package com.tradesense.marketdata.rest.metrics;
