package com.tradesense.marketdata.ratelimit;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RateLimiter} in this process's memory: one small state object per key and window, guarded
 * by the key's own lock (no global lock; keys never contend with each other). Keys whose windows have
 * fully recovered are dropped when the map grows, so per-client and per-symbol maps stay bounded by
 * the keys active within one window.
 */
public final class LocalRateLimiter implements RateLimiter {
    /** Map size from which idle keys are swept (then the threshold doubles past the live size). */
    private static final int SWEEP_FROM = 10_000;

    private final Quota quota;
    private final Window[] windows;
    private final ConcurrentHashMap<String, Slot> keys = new ConcurrentHashMap<>();
    private volatile int sweepAt = SWEEP_FROM;

    public LocalRateLimiter(Quota quota) {
        this.quota = quota;
        this.windows = quota.windows().toArray(new Window[0]);
    }

    @Override
    public Quota quota() {
        return quota;
    }

    @Override
    public RateDecision tryAcquire(String key, int permits, long now) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1: " + permits);
        }
        while (true) {
            Slot slot = keys.get(key);
            if (slot == null) {
                slot = keys.computeIfAbsent(key, k -> new Slot(newMeters(now)));
                if (keys.size() >= sweepAt) {
                    sweep(now);
                }
            }
            synchronized (slot) {
                if (!slot.swept) {
                    return acquire(slot.meters, permits, now);
                }
            }
        }
    }

    private static RateDecision acquire(Meter[] meters, int permits, long now) {
        {
            long wait = 0;
            for (Meter m : meters) {
                long w = m.waitNanos(now, permits);
                if (w > wait) {
                    wait = w;
                }
            }
            if (wait == 0) {
                for (Meter m : meters) {
                    m.take(now, permits);
                }
            }
            return decision(meters, now, wait);
        }
    }

    private static RateDecision decision(Meter[] meters, long now, long wait) {
        Meter tightest = meters[0];
        long remaining = tightest.remaining(now);
        for (int i = 1; i < meters.length; i++) {
            long r = meters[i].remaining(now);
            if (r < remaining) {
                remaining = r;
                tightest = meters[i];
            }
        }
        return new RateDecision(wait == 0, tightest.limit(), Math.max(0, remaining), tightest.resetNanos(now), wait);
    }

    private Meter[] newMeters(long now) {
        Meter[] m = new Meter[windows.length];
        for (int i = 0; i < windows.length; i++) {
            m[i] = Meter.create(windows[i], now);
        }
        return m;
    }

    /** Forgets keys whose every window is as good as new. */
    private synchronized void sweep(long now) {
        if (keys.size() < sweepAt) {
            return;
        }
        keys.entrySet().removeIf(e -> {
            Slot slot = e.getValue();
            synchronized (slot) {
                for (Meter m : slot.meters) {
                    if (!m.idle(now)) {
                        return false;
                    }
                }
                slot.swept = true;
                return true;
            }
        });
        sweepAt = Math.max(SWEEP_FROM, keys.size() * 2);
    }

    /** Number of keys held (for tests and metrics). */
    public int size() {
        return keys.size();
    }

    /**
     * Whether the key has state (it took permits within about a window and was not swept since). A key without any
     * is as good as fresh, so a caller asking "is this key held back?" on every request can skip {@link #peek}, which
     * builds a fresh key's state to answer for it.
     */
    public boolean tracks(String key) {
        return keys.containsKey(key);
    }

    /** A key's state without consuming anything (a fresh key's for unknown keys). */
    public RateDecision peek(String key, long now) {
        Slot slot = keys.get(key);
        if (slot == null) {
            slot = new Slot(newMeters(now));
        }
        synchronized (slot) {
            return decision(slot.meters, now, 0);
        }
    }

    /** A key's windows; {@code swept} once removed from the map, so a racing caller retries with a fresh one. */
    private static final class Slot {
        final Meter[] meters;
        boolean swept;

        Slot(Meter[] meters) {
            this.meters = meters;
        }
    }

    List<Window> windows() {
        return List.of(windows);
    }
}
