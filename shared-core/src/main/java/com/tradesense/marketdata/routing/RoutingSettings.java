package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Market;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the {@link ProviderRouter} routes, from configuration ({@code mde.router.*}, {@code mde.quality.*},
 * {@code mde.route.<market>.<data type>}; each also as the environment variable {@code MDE_...}).
 *
 * @param routes           per market and data type, provider ids in the order to ask them (replaces the
 *                         registry's priority order there; capable providers not named follow in that order)
 * @param maxAttempts      calls per provider and request, the first included (retries only on UNAVAILABLE)
 * @param backoff          full-jitter backoff between them
 * @param retryBudget      a retry starts only while the time spent on this provider is under this: a timeout
 *                         has already used the latency budget, and the next provider is the better bet
 * @param bulkhead         calls in flight per provider before further callers go to the next one
 * @param weights          of the quality score
 * @param qualityFloor     score under which a provider is asked only after every acceptable one
 * @param crossCheckRate   share of bar answers checked against another provider, 0..1
 * @param tolerance        relative difference beyond which two providers' prices disagree
 * @param conflictsKept    how many recent conflicts the report shows
 */
public record RoutingSettings(Map<String, List<String>> routes, int maxAttempts, Backoff backoff, Duration retryBudget,
                              int bulkhead, QualityWeights weights, double qualityFloor, double crossCheckRate,
                              double tolerance, int conflictsKept) {
    public static final RoutingSettings DEFAULT = new RoutingSettings(Map.of(), 2,
            new Backoff(Duration.ofMillis(25), Duration.ofMillis(200)), Duration.ofMillis(250), 20, QualityWeights.DEFAULT,
            0.6, 0.05, 0.005, 50);

    public RoutingSettings {
        routes = Map.copyOf(routes);
        if (maxAttempts < 1 || bulkhead < 1 || conflictsKept < 0) {
            throw new IllegalArgumentException("mde.router.retry.max-attempts and mde.router.bulkhead must be >= 1");
        }
        if (!(crossCheckRate >= 0 && crossCheckRate <= 1) || !(tolerance >= 0) || !(qualityFloor >= 0 && qualityFloor <= 1)) {
            throw new IllegalArgumentException("cross-check rate and quality floor must be in 0..1, tolerance >= 0");
        }
    }

    static String routeKey(Market market, DataType type) {
        return market.name().toLowerCase(Locale.ROOT) + "." + type.wireName();
    }

    /** The configured order for a market and data type, empty when none is configured. */
    public List<String> route(Market market, DataType type) {
        return routes.getOrDefault(routeKey(market, type), List.of());
    }

    public RoutingSettings withCrossCheckRate(double rate) {
        return new RoutingSettings(routes, maxAttempts, backoff, retryBudget, bulkhead, weights, qualityFloor, rate, tolerance,
                conflictsKept);
    }

    public RoutingSettings withBulkhead(int max) {
        return new RoutingSettings(routes, maxAttempts, backoff, retryBudget, max, weights, qualityFloor, crossCheckRate, tolerance,
                conflictsKept);
    }

    public RoutingSettings withQualityFloor(double floor) {
        return new RoutingSettings(routes, maxAttempts, backoff, retryBudget, bulkhead, weights, floor, crossCheckRate, tolerance,
                conflictsKept);
    }

    public RoutingSettings withRoutes(Map<String, List<String>> r) {
        return new RoutingSettings(r, maxAttempts, backoff, retryBudget, bulkhead, weights, qualityFloor, crossCheckRate, tolerance,
                conflictsKept);
    }

    /**
     * Reads the settings through {@code config} (a property name to its value, if set), the defaults above
     * for anything not set. Route keys: {@code mde.route.nyse.ohlcv=polygon,twelve_data}.
     */
    public static RoutingSettings from(Function<String, Optional<String>> config, Function<String, Duration> durations) {
        RoutingSettings d = DEFAULT;
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (Market m : Market.values()) {
            for (DataType t : DataType.values()) {
                config.apply("mde.route." + routeKey(m, t)).ifPresent(v -> routes.put(routeKey(m, t),
                        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList()));
            }
        }
        Function<String, Optional<Double>> num = k -> config.apply(k).map(String::trim).map(Double::parseDouble);
        return new RoutingSettings(routes,
                num.apply("mde.router.retry.max-attempts").map(Double::intValue).orElse(d.maxAttempts),
                new Backoff(config.apply("mde.router.retry.backoff").map(durations).orElse(d.backoff.base()),
                        config.apply("mde.router.retry.max-backoff").map(durations).orElse(d.backoff.max())),
                config.apply("mde.router.retry.budget").map(durations).orElse(d.retryBudget),
                num.apply("mde.router.bulkhead").map(Double::intValue).orElse(d.bulkhead),
                new QualityWeights(num.apply("mde.quality.weight.latency").orElse(d.weights.latency()),
                        num.apply("mde.quality.weight.accuracy").orElse(d.weights.accuracy()),
                        num.apply("mde.quality.weight.completeness").orElse(d.weights.completeness())),
                num.apply("mde.quality.floor").orElse(d.qualityFloor),
                num.apply("mde.quality.cross-check-rate").orElse(d.crossCheckRate),
                num.apply("mde.quality.tolerance").orElse(d.tolerance),
                d.conflictsKept);
    }
}
