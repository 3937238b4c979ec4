package com.tradesense.marketdata.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told: for tests of refill, bursts and daily resets. Thread-safe. */
public final class ManualClock implements RateClock {
    private final AtomicLong nanos;

    public ManualClock(Instant start) {
        this.nanos = new AtomicLong(RateClock.toNanos(start));
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    public ManualClock advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        return this;
    }

    public ManualClock advanceNanos(long n) {
        nanos.addAndGet(n);
        return this;
    }

    public void set(Instant t) {
        nanos.set(RateClock.toNanos(t));
    }

    public Instant instant() {
        long n = nanos.get();
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }
}
