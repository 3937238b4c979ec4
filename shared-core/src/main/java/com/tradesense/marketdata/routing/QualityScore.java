package com.tradesense.marketdata.routing;

/**
 * One provider's quality for one data type, each part 0..1 and null while unmeasured.
 *
 * @param latency           {@code min(1, 1000 ms / p99) * (1 - error rate)} over its last 200 calls for this data type
 * @param accuracy          share of cross-checked figures that agreed with another provider within the tolerance
 * @param completeness      items received / items expected (bars against the calendar's sessions, fields present)
 * @param score             {@code (wL*latency + wA*accuracy + wC*completeness) / (sum of the weights of the measured parts)}
 * @param calls             calls the latency part covers
 * @param comparisons       figures cross-checked
 * @param disagreements     of which disagreed
 * @param expected          items expected for completeness
 * @param missing           of which missing
 */
public record QualityScore(Double latency, Double accuracy, Double completeness, Double score, Double p50Ms, Double p99Ms,
                           Double errorRate, int calls, long comparisons, long disagreements, long expected, long missing) {
}
