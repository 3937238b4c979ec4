package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderCatalogue;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.ratelimit.Quota;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code GET /api/v1/providers/status} says about each provider, from live figures only.
 *
 * <p>State: {@code disabled} when the adapter is not configured; {@code down} while its circuit is
 * open; {@code degraded} while half-open, paused by a vendor 429, its real-time feed is silent or
 * disconnected ({@link RouterHealth#feedProblem}), or with an error rate of
 * {@value #DEGRADED_ERROR_RATE} or more over its recent calls; otherwise {@code up} (including before
 * its first call: {@code window} 0 says there is no evidence yet).
 *
 * <p>Quality score: {@value #QUALITY_FORMULA}; null before the first call. The per-data-type scores and
 * their parts are in {@code quality}; with no router evidence yet (calls recorded straight into the
 * health) the score is the latency part from the health figures.
 */
public final class ProviderStatusReport {
    public static final double DEGRADED_ERROR_RATE = 0.1;
    public static final String QUALITY_FORMULA =
            "100 * (call-weighted mean over data types of (wLatency*latency + wAccuracy*accuracy + wCompleteness*completeness)"
                    + " / (weights of the measured parts)); latency = (1 - errorRate) * min(1, 1000 / p99Ms) over the recent calls,"
                    + " accuracy = share of cross-checked figures agreeing, completeness = items received / expected";

    private ProviderStatusReport() {
    }

    /** The configured limit and whether the vendor has paused us; the limiter does not expose its usage. */
    /** @param usage share of the tightest window in use after the provider's latest call, 0..1 (null: not limited) */
    public record RateLimit(String limit, Double usage, boolean pausedByVendor) {
    }

    public record Entry(String id, String state, boolean enabled, boolean simulated, boolean credentialsRequired,
                        boolean credentialsConfigured, Integer priority, String circuit, Double p50Ms, Double p99Ms,
                        Double errorRate, int window, long calls, long failures, long rateLimited, long skippedOpenCircuit,
                        long circuitOpens, Instant lastSuccess, Instant lastFailure, String lastError, RateLimit rateLimit,
                        Double qualityScore, List<String> dataTypes, List<String> markets, Map<String, QualityScore> quality,
                        Double spendTodayUsd, double usdPerCall, long retries, long bulkheadRejections) {
    }

    public static List<Entry> build(ProviderRegistry registry, RouterHealth health, ProviderQuotas quotas,
                                    ProviderCatalogue catalogue) {
        return build(registry, health, quotas, catalogue, null);
    }

    /** @param router its quality book, retries, bulkhead and prices (null: health figures only) */
    public static List<Entry> build(ProviderRegistry registry, RouterHealth health, ProviderQuotas quotas,
                                    ProviderCatalogue catalogue, ProviderRouter router) {
        Map<String, Map<DataType, QualityScore>> scores = router == null ? Map.of() : router.quality().all();
        Map<String, Quota> limits = quotas.quotas();
        List<Entry> out = new ArrayList<>();
        int rank = 0;
        for (Provider p : registry.all()) {
            rank++;
            ProviderCapabilities caps = p.capabilities();
            ProviderHealth.Snapshot s = health.of(p.id()).snapshot();
            boolean paused = quotas.paused(p.id());
            String state = switch (s.circuit()) {
                case OPEN -> "down";
                case HALF_OPEN -> "degraded";
                case CLOSED -> paused || health.feedProblem(p.id()).isPresent()
                        || (s.errorRate() != null && s.errorRate() >= DEGRADED_ERROR_RATE) ? "degraded" : "up";
            };
            Quota q = limits.get(p.id());
            boolean needsKey = catalogue.known().getOrDefault(p.id(), false);
            out.add(new Entry(p.id(), state, true, caps.simulated(), needsKey,
                    needsKey && catalogue.credentialsConfigured(p.id()), rank, s.circuit().name().toLowerCase(java.util.Locale.ROOT),
                    s.p50Ms(), s.p99Ms(), s.errorRate(), s.window(), s.calls(), s.failures(), s.rateLimited(),
                    s.skippedOpenCircuit(), s.circuitOpens(), s.lastSuccess(), s.lastFailure(), s.lastError(),
                    new RateLimit(q == null ? null : q.toString(), q == null ? null : quotas.usage(p.id()), paused),
                    score(scores.getOrDefault(p.id(), Map.of()), s), names(caps.dataTypes()), markets(caps.markets()),
                    byWireName(scores.getOrDefault(p.id(), Map.of())),
                    router == null ? null : router.spendTodayUsd(p.id()), router == null ? 0 : router.usdPerCall(p.id()),
                    router == null ? 0 : router.retries(p.id()), router == null ? 0 : router.bulkheadRejections(p.id())));
        }
        Set<String> present = new java.util.HashSet<>(registry.all().stream().map(Provider::id).toList());
        for (Map.Entry<String, Boolean> k : new TreeMap<>(catalogue.known()).entrySet()) {
            if (!present.contains(k.getKey())) {
                Quota q = limits.get(k.getKey());
                out.add(new Entry(k.getKey(), "disabled", false, false, k.getValue(),
                        k.getValue() && catalogue.credentialsConfigured(k.getKey()), null, null, null, null, null,
                        0, 0, 0, 0, 0, 0, null, null, null, new RateLimit(q == null ? null : q.toString(), q == null ? null : 0.0, false), null,
                        List.of(), List.of(), Map.of(), null, router == null ? 0 : router.usdPerCall(k.getKey()), 0, 0));
            }
        }
        return out;
    }

    /** The router's scores weighted by calls, x100, one decimal; the health's latency part without router evidence. */
    static Double score(Map<DataType, QualityScore> byType, ProviderHealth.Snapshot s) {
        double sum = 0;
        long calls = 0;
        for (QualityScore q : byType.values()) {
            if (q.score() != null) {
                long weight = Math.max(1, q.calls());
                sum += weight * q.score();
                calls += weight;
            }
        }
        if (calls == 0) {
            return quality(s);
        }
        return Math.round(1000.0 * sum / calls) / 10.0;
    }

    private static Map<String, QualityScore> byWireName(Map<DataType, QualityScore> byType) {
        Map<String, QualityScore> out = new TreeMap<>();
        byType.forEach((t, q) -> out.put(t.wireName(), q));
        return out;
    }

    /** The latency part from the health figures, x100, one decimal; null without calls. */
    public static Double quality(ProviderHealth.Snapshot s) {
        if (s.window() == 0 || s.errorRate() == null || s.p99Ms() == null) {
            return null;
        }
        double latency = Math.min(1.0, 1000.0 / Math.max(s.p99Ms(), 1e-9));
        return Math.round(1000.0 * (1 - s.errorRate()) * latency) / 10.0;
    }

    private static List<String> names(Set<DataType> types) {
        return types.stream().sorted().map(DataType::wireName).toList();
    }

    private static List<String> markets(Set<Market> markets) {
        return markets.stream().sorted(Comparator.naturalOrder()).map(Market::name).toList();
    }
}
