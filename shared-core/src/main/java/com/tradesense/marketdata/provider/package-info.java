/**
 * The provider SPI: what a source of market data implements ({@code Provider}), what it declares it can
 * serve, how it fails, and the registry that lists the configured ones in priority order. The vendor
 * adapters and the simulator implement it; the services ask providers in the order the router gives.
 */
package com.tradesense.marketdata.provider;
