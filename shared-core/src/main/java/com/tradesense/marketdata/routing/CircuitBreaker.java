package com.tradesense.marketdata.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A provider's circuit, framework-free. CLOSED: calls pass; {@code failureThreshold} consecutive
 * provider errors open it. OPEN: calls are refused for {@code openFor}, then the circuit is HALF_OPEN.
 * HALF_OPEN: one probe call at a time passes; its success closes the circuit, its failure opens it
 * again for another {@code openFor}. Outcomes that say nothing about health (not covered, rate
 * limited) only give the probe permit back.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanos;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean probeInFlight;
    private long opens;

    public CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanos) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openForNanos = openFor.toNanos();
        this.nanos = nanos;
    }

    /** Whether a call may go to the provider now (in HALF_OPEN this takes the single probe permit). */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanos.getAsLong() - openedAt < openForNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                probeInFlight = false;
                // fall through: the first caller after the pause is the probe
            case HALF_OPEN:
            default:
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        probeInFlight = false;
        state = State.CLOSED;
    }

    public synchronized void onFailure() {
        probeInFlight = false;
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            open();
        }
    }

    /** An outcome that is neither success nor a provider error. */
    public synchronized void onNeutral() {
        probeInFlight = false;
    }

    private void open() {
        state = State.OPEN;
        openedAt = nanos.getAsLong();
        opens++;
    }

    /** The state now (OPEN turns HALF_OPEN once its time is up, as the next call would see). */
    public synchronized State state() {
        if (state == State.OPEN && nanos.getAsLong() - openedAt >= openForNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** Time until an OPEN circuit lets a probe through; zero otherwise. */
    public synchronized Duration retryAfter() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, openForNanos - (nanos.getAsLong() - openedAt)));
    }

    /** How many times the circuit has opened. */
    public synchronized long opens() {
        return opens;
    }
}
