package com.tradesense.marketdata.stream;

import java.util.function.Consumer;

/**
 * The last {@code capacity} frames of one (symbol, channel), for {@code resume}. A ring of references
 * to the frames already sent live: replay costs no serialization and no copy. It starts small and doubles
 * up to {@code capacity} (quiet channels such as news or status hold a few slots). Not thread-safe (the
 * hub uses it under the symbol's lock).
 */
final class ReplayBuffer {
    private static final int INITIAL = 16;
    private final int capacity;
    private Frame[] ring;
    private long lastSeq;
    /** First seq this buffer was given since it (re)started. */
    private long firstSeq = 1;

    ReplayBuffer(int capacity) {
        this.capacity = Math.max(1, capacity);
        ring = new Frame[Math.min(this.capacity, INITIAL)];
    }

    void add(Frame frame) {
        if (frame.seq() != lastSeq + 1) {
            throw new IllegalStateException("replay out of order: " + frame.seq() + " after " + lastSeq);
        }
        if (frame.seq() - firstSeq >= ring.length && ring.length < capacity) {
            grow();
        }
        ring[(int) (frame.seq() % ring.length)] = frame;
        lastSeq = frame.seq();
    }

    private void grow() {
        Frame[] bigger = new Frame[Math.min(capacity, ring.length * 2)];
        for (long s = oldestSeq(); s <= lastSeq; s++) {
            bigger[(int) (s % bigger.length)] = ring[(int) (s % ring.length)];
        }
        ring = bigger;
    }

    /** Forgets everything held and continues after {@code seq} (the bus loaded a newer state). */
    void restartAt(long seq) {
        ring = new Frame[Math.min(capacity, INITIAL)];
        lastSeq = seq;
        firstSeq = seq + 1;
    }

    /** Oldest seq still held; {@code lastSeq + 1} when empty. */
    long oldestSeq() {
        return Math.max(firstSeq, lastSeq - ring.length + 1);
    }

    long lastSeq() {
        return lastSeq;
    }

    /**
     * Replays frames {@code fromSeq..lastSeq} in order and returns how many, or -1 (and replays nothing)
     * when {@code fromSeq} is older than what is held or later than {@code lastSeq + 1}.
     */
    int replay(long fromSeq, Consumer<Frame> out) {
        if (fromSeq < oldestSeq() || fromSeq > lastSeq + 1) {
            return -1;
        }
        int n = 0;
        for (long s = fromSeq; s <= lastSeq; s++) {
            out.accept(ring[(int) (s % ring.length)]);
            n++;
        }
        return n;
    }
}
