package com.tradesense.marketdata.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code maxConcurrent} calls in flight per provider. A caller finding its provider full is not
 * queued: it goes to the next provider at once, so one slow vendor cannot hold every request thread.
 */
public final class Bulkhead {
    private final int maxConcurrent;
    private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> rejections = new ConcurrentHashMap<>();

    public Bulkhead(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("a bulkhead needs at least one permit");
        }
        this.maxConcurrent = maxConcurrent;
    }

    /** Takes a slot for {@code provider}, or counts a rejection and returns false. */
    public boolean tryEnter(String provider) {
        if (permits.computeIfAbsent(provider, p -> new Semaphore(maxConcurrent)).tryAcquire()) {
            return true;
        }
        rejections.computeIfAbsent(provider, p -> new AtomicLong()).incrementAndGet();
        return false;
    }

    public void exit(String provider) {
        permits.get(provider).release();
    }

    public long rejections(String provider) {
        AtomicLong n = rejections.get(provider);
        return n == null ? 0 : n.get();
    }

    /** Calls in flight to {@code provider} now. */
    public int inFlight(String provider) {
        Semaphore s = permits.get(provider);
        return s == null ? 0 : maxConcurrent - s.availablePermits();
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }
}
