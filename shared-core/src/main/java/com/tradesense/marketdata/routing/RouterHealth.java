package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.provider.FeedHealth;
import com.tradesense.marketdata.telemetry.ProviderCallOutcome;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Health of every provider the router calls, created on first use. The service's candidate loop asks
 * {@link #allow} before each call (an open circuit skips the provider for the next one) and reports
 * each call's latency and outcome with {@link #record}.
 */
public class RouterHealth implements FeedHealth {
    /** Defaults: 3 consecutive provider errors open a circuit for 5 s. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(5);

    /** Allows everything and remembers nothing: for cores built without routing health. */
    public static final RouterHealth NONE = new RouterHealth(Clock.systemUTC(), 1, Duration.ZERO, System::nanoTime) {
        @Override
        public boolean allow(String provider) {
            return true;
        }

        @Override
        public void record(String provider, long latencyNanos, ProviderCallOutcome outcome, String error) {
        }

        @Override
        public void barsCleaned(String provider, int received, int repaired, int dropped) {
        }
    };

    private final Clock clock;
    private final int failureThreshold;
    private final Duration openFor;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, ProviderHealth> health = new ConcurrentHashMap<>();

    public RouterHealth(Clock clock, int failureThreshold, Duration openFor, LongSupplier nanos) {
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.nanos = nanos;
    }

    public static RouterHealth withDefaults(Clock clock) {
        return new RouterHealth(clock, DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_FOR, System::nanoTime);
    }

    public ProviderHealth of(String provider) {
        return health.computeIfAbsent(provider, p -> new ProviderHealth(p, clock, failureThreshold, openFor, nanos));
    }

    public Optional<ProviderHealth> find(String provider) {
        return Optional.ofNullable(health.get(provider));
    }

    public boolean allow(String provider) {
        return of(provider).allow();
    }

    public Duration retryAfter(String provider) {
        return find(provider).map(h -> h.circuit().retryAfter()).orElse(Duration.ZERO);
    }

    public void record(String provider, long latencyNanos, ProviderCallOutcome outcome, String error) {
        of(provider).record(latencyNanos, outcome, error);
    }

    public void barsCleaned(String provider, int received, int repaired, int dropped) {
        of(provider).barsCleaned(received, repaired, dropped);
    }

    public Map<String, ProviderHealth.Quality> quality() {
        Map<String, ProviderHealth.Quality> out = new java.util.TreeMap<>();
        health.forEach((id, h) -> out.put(id, h.quality()));
        return out;
    }

    /** The call allowed by {@link #allow} was not made (quota refused it): gives a half-open probe permit back. */
    public void release(String provider) {
        find(provider).ifPresent(h -> h.circuit().onNeutral());
    }

    public Map<String, ProviderHealth.Snapshot> snapshot() {
        Map<String, ProviderHealth.Snapshot> out = new LinkedHashMap<>();
        health.forEach((id, h) -> out.put(id, h.snapshot()));
        return out;
    }

    public int failureThreshold() {
        return failureThreshold;
    }

    public Duration openFor() {
        return openFor;
    }

    // ------------------------------------------------------------------ streaming feeds
    private final ConcurrentHashMap<String, String> feedProblems = new ConcurrentHashMap<>();

    /** The provider's real-time feed is degraded (silent while its market is open, or disconnected). */
    @Override
    public void feedDegraded(String provider, String reason) {
        feedProblems.put(provider, reason);
    }

    /** The provider's real-time feed is live again. */
    @Override
    public void feedRecovered(String provider) {
        feedProblems.remove(provider);
    }

    /** Why the provider's feed is degraded, or empty when it is live (or the provider has none). */
    public Optional<String> feedProblem(String provider) {
        return Optional.ofNullable(feedProblems.get(provider));
    }
}
