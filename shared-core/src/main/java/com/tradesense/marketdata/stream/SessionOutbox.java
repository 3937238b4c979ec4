package com.tradesense.marketdata.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client session's bounded outbox, between the hub (which delivers frames on the publisher's thread)
 * and the connection's writer (which drains it on the connection's own thread).
 *
 * <ul>
 *   <li>Control messages (acks, errors, pongs) go first, in a small queue of their own; the session is
 *       closed if even that fills up.</li>
 *   <li>Data frames queue in a ring of at most {@code capacity} references to the shared frames (no copy),
 *       which starts small and grows on demand.</li>
 *   <li>When the ring is full, level 1 <b>conflates</b>: only the latest frame per symbol is kept and sent
 *       once the ring has drained (level 1 messages are full values, so skipping intermediate seqs loses
 *       nothing). Level 2 and trades <b>drop</b>: the (symbol, channel) turns stale, later frames of it are
 *       dropped too, and once the ring is back below a quarter full the writer asks the hub for a fresh
 *       snapshot (see {@link #resnapshotsDue()}), after which updates flow again, gap-free.</li>
 *   <li>{@link #laggingFor(long)} tells how long the session has been under pressure (conflating or
 *       dropping without recovering): a persistent laggard is closed by its owner.</li>
 * </ul>
 * Every message it does not pass on is counted by reason in the {@link StreamCounters} it was given.
 * Thread-safe: every method synchronizes on the outbox (one uncontended lock per message in the common case).
 */
public final class SessionOutbox implements Subscriber {

    /** A stale (symbol, channel) that needs a fresh snapshot. */
    public record Key(String symbol, Channel channel) {
    }

    private static final int INITIAL_SLOTS = 16;
    private final int capacity;
    private final int lowWater;
    private final int controlCapacity;
    private final Runnable wakeup;
    private final StreamCounters counters;
    /** Made on first use, as are the maps below: an idle connection holds none of them. */
    private ArrayDeque<String> control;
    /** Grows by doubling up to {@code capacity}: an idle connection holds a few slots, not thousands. */
    private Frame[] ring;
    private int head;
    private int size;
    private Map<String, Frame> conflated = Map.of();
    private Set<Key> stale = Set.of();
    private Set<Key> requested = Set.of();
    private boolean wakeupPending;
    private boolean closed;
    private long pressureSinceNanos = -1;
    private long enqueued;
    private long dropped;
    private long conflatedAway;

    /**
     * @param capacity        data frames held before the slow-consumer policy applies
     * @param controlCapacity control messages held before the session counts as broken
     * @param wakeup          called (outside the lock, on the delivering thread) when the outbox turns
     *                        non-empty while no drain is pending: it must schedule a {@link #drain}
     */
    public SessionOutbox(int capacity, int controlCapacity, Runnable wakeup) {
        this(capacity, controlCapacity, wakeup, new StreamCounters());
    }

    /** @param counters where drops are counted (the hub's, {@link StreamHub#counters()}) */
    public SessionOutbox(int capacity, int controlCapacity, Runnable wakeup, StreamCounters counters) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be at least 4");
        }
        this.capacity = capacity;
        this.lowWater = capacity / 4;
        this.controlCapacity = controlCapacity;
        this.wakeup = wakeup;
        this.counters = counters;
        this.ring = new Frame[Math.min(capacity, INITIAL_SLOTS)];
    }

    @Override
    public void deliver(Frame f) {
        boolean wake;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!stale.isEmpty()) {
                Key k = new Key(f.symbol(), f.channel());
                if (stale.contains(k)) {
                    if (!f.snapshot() || size >= capacity) {
                        dropped++;
                        if (f.snapshot()) {
                            requested.remove(k); // did not fit: ask again later
                            counters.dropped(f.channel(), StreamCounters.Drop.QUEUE_FULL);
                        } else {
                            counters.dropped(f.channel(), StreamCounters.Drop.AWAITING_SNAPSHOT);
                        }
                        return;
                    }
                    stale.remove(k);
                    requested.remove(k);
                }
            }
            if (f.channel() == Channel.LEVEL1 && !f.snapshot() && (size >= capacity || !conflated.isEmpty())) {
                if (conflated.isEmpty()) {
                    conflated = new LinkedHashMap<>();
                }
                if (conflated.put(f.symbol(), f) != null) {
                    conflatedAway++;
                    counters.dropped(Channel.LEVEL1, StreamCounters.Drop.CONFLATED);
                }
                underPressure();
            } else if (size >= capacity) {
                if (stale.isEmpty()) {
                    stale = new LinkedHashSet<>();
                    requested = new LinkedHashSet<>();
                }
                stale.add(new Key(f.symbol(), f.channel()));
                dropped++;
                counters.dropped(f.channel(), StreamCounters.Drop.QUEUE_FULL);
                underPressure();
            } else {
                if (size == ring.length) {
                    grow();
                }
                ring[(head + size) % ring.length] = f;
                size++;
                enqueued++;
            }
            wake = !wakeupPending;
            wakeupPending = true;
        }
        if (wake) {
            wakeup.run();
        }
    }

    /** Queues a control message; false when the control queue is full (the client is not reading). */
    public boolean offerControl(String text) {
        boolean wake;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (control == null) {
                control = new ArrayDeque<>(4);
            }
            if (control.size() >= controlCapacity) {
                return false;
            }
            control.add(text);
            wake = !wakeupPending;
            wakeupPending = true;
        }
        if (wake) {
            wakeup.run();
        }
        return true;
    }

    private void grow() {
        Frame[] bigger = new Frame[Math.min(capacity, ring.length * 2)];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }

    private void underPressure() {
        if (pressureSinceNanos < 0) {
            pressureSinceNanos = System.nanoTime();
        }
    }

    /**
     * Moves up to {@code max} messages into {@code out}: control first (as {@code String}s), then the ring
     * in order, then (only when the ring is empty) the conflated level-1 frames (as {@link Frame}s).
     * Returning 0 ends the pending drain: the next delivery calls the wakeup again.
     */
    public synchronized int drain(Object[] out, int max) {
        int n = 0;
        max = Math.min(max, out.length);
        while (n < max && control != null && !control.isEmpty()) {
            out[n++] = control.poll();
        }
        while (n < max && size > 0) {
            out[n++] = ring[head];
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
        if (size == 0 && n < max && !conflated.isEmpty()) {
            Iterator<Frame> it = conflated.values().iterator();
            while (n < max && it.hasNext()) {
                out[n++] = it.next();
                it.remove();
            }
        }
        if (pressureSinceNanos >= 0 && size <= lowWater && conflated.isEmpty() && stale.isEmpty()) {
            pressureSinceNanos = -1;
        }
        if (n == 0) {
            wakeupPending = false;
        }
        return n;
    }

    /** True while messages are waiting. */
    public synchronized boolean hasPending() {
        return (control != null && !control.isEmpty()) || size > 0 || !conflated.isEmpty();
    }

    /**
     * The stale (symbol, channel) pairs to re-snapshot now: those not yet asked for, once the ring is below a
     * quarter full. The caller asks the hub ({@link StreamHub#resnapshot}) for each, or {@link #forget}s it.
     */
    public synchronized List<Key> resnapshotsDue() {
        if (stale.isEmpty() || size > lowWater || stale.size() == requested.size()) {
            return List.of();
        }
        List<Key> due = new ArrayList<>();
        for (Key k : stale) {
            if (requested.add(k)) {
                due.add(k);
            }
        }
        return due;
    }

    /** Drops a stale pair that is no longer subscribed. */
    public synchronized void forget(Key k) {
        if (!stale.isEmpty()) {
            stale.remove(k);
            requested.remove(k);
        }
    }

    /** Nanoseconds the session has been conflating or dropping without recovering; 0 when it keeps up. */
    public synchronized long laggingFor(long nowNanos) {
        return pressureSinceNanos < 0 ? 0 : Math.max(1, nowNanos - pressureSinceNanos);
    }

    /** Stops accepting anything and frees what was queued, counted as dropped because the session {@link StreamCounters.Drop#CLOSED}. */
    public void close() {
        close(StreamCounters.Drop.CLOSED);
    }

    /** Stops accepting anything and frees what was queued, counted as dropped for {@code why}. */
    public synchronized void close(StreamCounters.Drop why) {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < size; i++) {
            counters.dropped(ring[(head + i) % ring.length].channel(), why);
        }
        if (!conflated.isEmpty()) {
            counters.dropped(Channel.LEVEL1, why, conflated.size());
        }
        control = null;
        java.util.Arrays.fill(ring, null);
        size = 0;
        conflated = Map.of();
        stale = Set.of();
        requested = Set.of();
    }

    public synchronized int queued() {
        return size;
    }

    public synchronized long droppedCount() {
        return dropped;
    }

    public synchronized long conflatedCount() {
        return conflatedAway;
    }

    public synchronized long enqueuedCount() {
        return enqueued;
    }
}
