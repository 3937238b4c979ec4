/**
 * The CDI wiring of the core for the Quarkus functions: produces one shared instance of the reference
 * data, providers, router and services per process. The only package of shared-core that knows about CDI
 * and MicroProfile Config.
 */
package com.tradesense.marketdata.engine;
