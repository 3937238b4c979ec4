/**
 * Rate limiting without a framework: quotas of one or more windows, four algorithms (token bucket, sliding
 * window, leaky bucket, GCRA) and the in-memory limiter, plus the per-provider quotas and vendor 429
 * pauses. Shared counters (Redis) implement the same interface at the edge.
 */
package com.tradesense.marketdata.ratelimit;
