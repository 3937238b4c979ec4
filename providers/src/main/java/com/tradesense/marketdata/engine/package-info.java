/**
 * The CDI wiring of the core for the Quarkus functions: picks the provider adapters and produces one shared
 * instance of the reference data, providers, router and services per process. It lives in the providers module
 * because it names the adapters; it is the only package below shared-rest that knows CDI and MicroProfile Config.
 */
package com.tradesense.marketdata.engine;
