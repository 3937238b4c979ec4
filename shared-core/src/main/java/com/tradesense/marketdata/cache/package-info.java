/**
 * The bar cache, independent of any store: month chunks of raw bars as the unit, a compact binary codec,
 * TTLs per data type, and a read-through cache over the layers. The stores themselves (Redis, Infinispan,
 * PostgreSQL) are adapters in shared-rest; the in-memory one is here.
 */
package com.tradesense.marketdata.cache;
