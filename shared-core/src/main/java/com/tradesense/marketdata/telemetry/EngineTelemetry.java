package com.tradesense.marketdata.telemetry;

import com.tradesense.marketdata.domain.DataType;

/**
 * What the engine tells the outside about its own work, without knowing who listens: the functions
 * implement it with Micrometer (shared-rest), tests with a recorder, and {@link #NONE} ignores it.
 * Metric names that implementations publish are listed in {@code docs/metrics.md}.
 *
 * <p>Called on request threads: implementations must be thread-safe, cheap and must not throw.
 */
public interface EngineTelemetry {

    /** Ignores everything: for the core used without a metrics backend (tests, benchmarks). */
    EngineTelemetry NONE = new EngineTelemetry() { };

    /**
     * One call to a provider finished.
     *
     * @param provider     provider id, as in {@code source.provider}
     * @param type         the kind of data asked for
     * @param latencyNanos wall time of the call, nanoseconds
     * @param outcome      how it ended
     */
    default void providerCall(String provider, DataType type, long latencyNanos, ProviderCallOutcome outcome) {
    }

    /**
     * Data was handed to a client.
     *
     * @param provider   where the data came from
     * @param type       the kind of data
     * @param ageMillis  how old the data was when served: now minus {@code source.asOf}, milliseconds (0 when fetched now)
     */
    default void dataServed(String provider, DataType type, long ageMillis) {
    }
}
