/**
 * Routing and resilience between the services and the providers: which providers to ask in what order
 * (quality score or cost), and each call's guard (circuit breaker, bulkhead, quota, retries with jittered
 * backoff), plus the conflict rules when providers disagree and the provider status report.
 */
package com.tradesense.marketdata.routing;
