package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.telemetry.ProviderCallOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * One provider's recent record as the router sees it: latencies of the last {@value #WINDOW} calls
 * that reached it (p50/p99 by nearest rank), the share of provider errors (unavailable, bad response,
 * unexpected) among the last {@value #WINDOW} calls, the last success, and its {@link CircuitBreaker}.
 * Rate-limited and not-covered answers are counted but are not errors.
 */
public final class ProviderHealth {
    public static final int WINDOW = 200;

    private final String provider;
    private final Clock clock;
    private final CircuitBreaker circuit;
    private final long[] latencies = new long[WINDOW];
    private final boolean[] errors = new boolean[WINDOW];
    private int size;
    private int next;
    private long calls;
    private long failures;
    private long rateLimited;
    private long skipped;
    private long badResponses;
    private long barAnswers;
    private long barsReceived;
    private long barsRepaired;
    private long barsDropped;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastError;

    public ProviderHealth(String provider, Clock clock, int failureThreshold, Duration openFor, LongSupplier nanos) {
        this.provider = provider;
        this.clock = clock;
        this.circuit = new CircuitBreaker(failureThreshold, openFor, nanos);
    }

    public String provider() {
        return provider;
    }

    public CircuitBreaker circuit() {
        return circuit;
    }

    /** Whether the router may call the provider now; a refusal is counted as a skip. */
    public boolean allow() {
        boolean ok = circuit.tryAcquire();
        if (!ok) {
            synchronized (this) {
                skipped++;
            }
        }
        return ok;
    }

    public void record(long latencyNanos, ProviderCallOutcome outcome, String error) {
        boolean failure = outcome.isProviderError();
        synchronized (this) {
            calls++;
            latencies[next] = latencyNanos;
            errors[next] = failure;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
            if (outcome == ProviderCallOutcome.SUCCESS) {
                lastSuccess = clock.instant();
            } else if (failure) {
                failures++;
                if (outcome == ProviderCallOutcome.BAD_RESPONSE) {
                    badResponses++;
                }
                lastFailure = clock.instant();
                lastError = error;
            } else if (outcome == ProviderCallOutcome.RATE_LIMITED) {
                rateLimited++;
            }
        }
        if (outcome == ProviderCallOutcome.SUCCESS) {
            circuit.onSuccess();
        } else if (failure) {
            circuit.onFailure();
        } else {
            circuit.onNeutral();
        }
    }

    /** What the service's validator made of one answer's bars (sorting counts as one repair). */
    public synchronized void barsCleaned(int received, int repaired, int dropped) {
        barAnswers++;
        barsReceived += received;
        barsRepaired += repaired;
        barsDropped += dropped;
    }

    /** Bar-quality counters since start. */
    public synchronized Quality quality() {
        return new Quality(provider, barAnswers, barsReceived, barsRepaired, barsDropped, badResponses);
    }

    /**
     * @param barAnswers   answers with bars the service cleaned
     * @param barsReceived bars in them
     * @param barsRepaired repairs the validator made (re-sorting an answer counts once)
     * @param barsDropped  bars it dropped (off the interval grid, or duplicates)
     * @param badResponses answers refused by the adapter as not having the documented shape
     */
    public record Quality(String provider, long barAnswers, long barsReceived, long barsRepaired, long barsDropped,
                          long badResponses) {
    }

    /** A consistent copy of the figures. */
    public synchronized Snapshot snapshot() {
        long[] l = Arrays.copyOf(latencies, size);
        Arrays.sort(l);
        int errs = 0;
        for (int i = 0; i < size; i++) {
            if (errors[i]) {
                errs++;
            }
        }
        return new Snapshot(provider, circuit.state(), size == 0 ? null : millis(l, 0.50), size == 0 ? null : millis(l, 0.99),
                size == 0 ? null : (double) errs / size, size, calls, failures, rateLimited, skipped,
                lastSuccess, lastFailure, lastError, circuit.opens());
    }

    private static Double millis(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * @param p50Ms     median latency of the recent calls, ms (null before the first call)
     * @param p99Ms     99th percentile, ms
     * @param errorRate provider errors / recent calls, 0..1
     * @param window    how many recent calls the three figures above cover
     */
    public record Snapshot(String provider, CircuitBreaker.State circuit, Double p50Ms, Double p99Ms, Double errorRate,
                           int window, long calls, long failures, long rateLimited, long skippedOpenCircuit,
                           Instant lastSuccess, Instant lastFailure, String lastError, long circuitOpens) {
    }
}
