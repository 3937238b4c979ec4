package com.tradesense.marketdata.stream;

import java.util.function.Consumer;

/**
 * The last {@code capacity} frames of one (symbol, channel), for {@code resume}. A ring of references
 * to the frames already sent live: replay costs no serialization and no copy. Not thread-safe (the hub
 * uses it under the symbol's lock).
 */
final class ReplayBuffer {
    private final Frame[] ring;
    private long lastSeq;
    /** First seq this buffer was given since it (re)started. */
    private long firstSeq = 1;

    ReplayBuffer(int capacity) {
        ring = new Frame[Math.max(1, capacity)];
    }

    void add(Frame frame) {
        if (frame.seq() != lastSeq + 1) {
            throw new IllegalStateException("replay out of order: " + frame.seq() + " after " + lastSeq);
        }
        ring[(int) (frame.seq() % ring.length)] = frame;
        lastSeq = frame.seq();
    }

    /** Forgets everything held and continues after {@code seq} (the bus loaded a newer state). */
    void restartAt(long seq) {
        java.util.Arrays.fill(ring, null);
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
