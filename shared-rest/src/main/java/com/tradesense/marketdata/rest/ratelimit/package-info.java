/**
 * Inbound rate limits on {@code /api/v1/**} and where their counters live: in memory, or in Redis with
 * local failover while Redis is down, with their metrics, readiness and OpenAPI documentation.
 */
package com.tradesense.marketdata.rest.ratelimit;
