/**
 * The provider SPI: what a source of market data implements ({@code Provider}), what it declares it can
 * serve, how it fails, and the registry that lists the configured ones in priority order. The vendor
 * adapters and the simulator (the providers module) implement it, and report back through interfaces of
 * this package (feed health, the catalogue of adapters) so that routing and the services never import an
 * adapter.
 */
package com.tradesense.marketdata.provider;
