package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.domain.DataType;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evidence behind each provider's quality score, per data type: latency and errors of its recent
 * calls, how often its figures agreed with another provider's (sampled cross-checks), and how much of
 * what was expected it delivered. {@link #score} turns them into the weighted score the router orders by.
 */
public final class QualityBook {
    public static final int WINDOW = ProviderHealth.WINDOW;
    /** A p99 at or under this gets full latency marks. */
    public static final double LATENCY_TARGET_MS = 1000.0;

    private final QualityWeights weights;
    private final ConcurrentHashMap<Key, Stats> stats = new ConcurrentHashMap<>();

    public QualityBook(QualityWeights weights) {
        this.weights = weights;
    }

    public QualityWeights weights() {
        return weights;
    }

    private record Key(String provider, DataType type) {
    }

    private Stats of(String provider, DataType type) {
        return stats.computeIfAbsent(new Key(provider, type), k -> new Stats());
    }

    /** One call that reached the provider; {@code error} when it failed in a way that counts against its health. */
    public void call(String provider, DataType type, long latencyNanos, boolean error) {
        of(provider, type).call(latencyNanos, error);
    }

    /** A cross-check compared {@code compared} figures of the provider, {@code disagreed} of them beyond the tolerance. */
    public void crossChecked(String provider, DataType type, int compared, int disagreed) {
        of(provider, type).crossChecked(compared, disagreed);
    }

    /** An answer held {@code received} of {@code expected} items (bars, fields). */
    public void completeness(String provider, DataType type, long received, long expected) {
        if (expected > 0) {
            of(provider, type).completeness(Math.min(received, expected), expected);
        }
    }

    /** The score and its parts; all null for a provider and type never seen. */
    public QualityScore score(String provider, DataType type) {
        Stats s = stats.get(new Key(provider, type));
        return s == null ? new QualityScore(null, null, null, null, null, null, null, 0, 0, 0, 0, 0) : s.score(weights);
    }

    /** Every provider and data type with evidence, keyed by provider then data type. */
    public Map<String, Map<DataType, QualityScore>> all() {
        Map<String, Map<DataType, QualityScore>> out = new TreeMap<>();
        stats.forEach((k, s) -> out.computeIfAbsent(k.provider(), p -> new TreeMap<>()).put(k.type(), s.score(weights)));
        return out;
    }

    private static final class Stats {
        private final long[] latencies = new long[WINDOW];
        private final boolean[] errors = new boolean[WINDOW];
        private int size;
        private int next;
        private long compared;
        private long disagreed;
        private long expected;
        private long received;

        synchronized void call(long latencyNanos, boolean error) {
            latencies[next] = latencyNanos;
            errors[next] = error;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
        }

        synchronized void crossChecked(int n, int bad) {
            compared += n;
            disagreed += bad;
        }

        synchronized void completeness(long got, long want) {
            received += got;
            expected += want;
        }

        synchronized QualityScore score(QualityWeights w) {
            Double p50 = null;
            Double p99 = null;
            Double errorRate = null;
            Double latency = null;
            if (size > 0) {
                long[] sorted = Arrays.copyOf(latencies, size);
                Arrays.sort(sorted);
                int errs = 0;
                for (int i = 0; i < size; i++) {
                    errs += errors[i] ? 1 : 0;
                }
                p50 = rank(sorted, 0.50);
                p99 = rank(sorted, 0.99);
                errorRate = (double) errs / size;
                latency = Math.min(1.0, LATENCY_TARGET_MS / Math.max(p99, 1e-9)) * (1 - errorRate);
            }
            Double accuracy = compared == 0 ? null : 1.0 - (double) disagreed / compared;
            Double completeness = expected == 0 ? null : (double) received / expected;
            double sum = 0;
            double weight = 0;
            if (latency != null) {
                sum += w.latency() * latency;
                weight += w.latency();
            }
            if (accuracy != null) {
                sum += w.accuracy() * accuracy;
                weight += w.accuracy();
            }
            if (completeness != null) {
                sum += w.completeness() * completeness;
                weight += w.completeness();
            }
            Double score = weight == 0 ? null : sum / weight;
            return new QualityScore(latency, accuracy, completeness, score, p50, p99, errorRate, size, compared, disagreed,
                    expected, expected - received);
        }

        private static double rank(long[] sorted, double q) {
            int r = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, r - 1)] / 1e6;
        }
    }
}
