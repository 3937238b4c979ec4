/**
 * The bar cache's store adapters (Redis, Infinispan over Hot Rod, PostgreSQL), the cross-process
 * invalidation bus, and which layers a process uses from {@code mde.cache.*}.
 */
package com.tradesense.marketdata.rest.cache;
