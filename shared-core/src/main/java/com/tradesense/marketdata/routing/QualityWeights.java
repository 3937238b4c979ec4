package com.tradesense.marketdata.routing;

/**
 * Weights of the quality score's three parts ({@code mde.quality.weight.latency}, {@code .accuracy},
 * {@code .completeness}); they need not add up to 1, the score divides by the weights of the parts
 * that are measured.
 */
public record QualityWeights(double latency, double accuracy, double completeness) {
    public static final QualityWeights DEFAULT = new QualityWeights(0.3, 0.5, 0.2);

    public QualityWeights {
        if (!(latency >= 0 && accuracy >= 0 && completeness >= 0) || latency + accuracy + completeness <= 0) {
            throw new IllegalArgumentException("quality weights must be >= 0 and not all 0: " + latency + "/" + accuracy + "/" + completeness);
        }
    }
}
