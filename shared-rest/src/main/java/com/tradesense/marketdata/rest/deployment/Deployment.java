package com.tradesense.marketdata.rest.deployment;

/**
 * How a process is deployed ({@code mde.deployment}, {@code MDE_DEPLOYMENT}), which decides what it may fall back on.
 * <ul>
 *   <li>{@code standalone} (default): one process, embedded defaults: in-memory keys, counters and bus, generated
 *       signing keys, the simulator.</li>
 *   <li>{@code services}: the functions as separate processes sharing stores (scripts/run-services, the dev overlay):
 *       every shared concern must name its store, since a process-local fallback would be silently wrong (API keys
 *       one pod knows, limits multiplied by the pod count, one upstream per pod).</li>
 *   <li>{@code production}: services, and never simulated data, no demo key, authentication on.</li>
 * </ul>
 */
public enum Deployment {
    STANDALONE, SERVICES, PRODUCTION;

    /** Whether this deployment shares its stores between processes. */
    public boolean shared() {
        return this != STANDALONE;
    }
}
