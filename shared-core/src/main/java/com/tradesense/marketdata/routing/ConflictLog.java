package com.tradesense.marketdata.routing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@code capacity} conflicts between providers, newest first, for the data-quality report. */
public final class ConflictLog {
    /**
     * Two providers disagreed beyond the tolerance.
     *
     * @param t        the bar's open time (or the moment the figures are for)
     * @param field    which figure: {@code close}, ...
     * @param winner   the provider whose figure the rule picks (most recent timestamp)
     * @param spread   relative difference, e.g. 0.012 for 1.2 %
     */
    public record Conflict(Instant recordedAt, String dataType, String symbol, Instant t, String field,
                           String providerA, double valueA, String providerB, double valueB, String winner, double spread) {
    }

    private final int capacity;
    private final Deque<Conflict> recent = new ArrayDeque<>();
    private long total;

    public ConflictLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(Conflict c) {
        total++;
        recent.addFirst(c);
        while (recent.size() > capacity) {
            recent.removeLast();
        }
    }

    public synchronized List<Conflict> recent() {
        return new ArrayList<>(recent);
    }

    /** Conflicts recorded since start, including those no longer in {@link #recent()}. */
    public synchronized long total() {
        return total;
    }
}
