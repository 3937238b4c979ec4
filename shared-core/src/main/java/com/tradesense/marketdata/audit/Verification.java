package com.tradesense.marketdata.audit;

import java.util.List;
import java.util.Map;

/**
 * The outcome of re-walking the audit chains: whether every link holds, how many entries were checked,
 * the last sequence number seen per writer, the first broken link if any, and the chains that were
 * checked from a retention anchor instead of from their first entry (older entries deleted by retention).
 */
public record Verification(boolean intact, long entriesChecked, Map<String, Long> lastSeqByWriter, Break firstBreak,
                           List<Anchor> anchored) {
    public Verification {
        lastSeqByWriter = Map.copyOf(lastSeqByWriter);
        anchored = List.copyOf(anchored);
    }

    /** Where the chain first fails: which writer, which sequence number, and why. */
    public record Break(String writerId, long seq, String reason) {
    }

    /**
     * A chain checked from {@code firstSeq} on: entries 1 to {@code firstSeq - 1} were deleted by retention,
     * and the first kept entry links to {@code anchorHash}, recorded when they were.
     */
    public record Anchor(String writerId, long firstSeq, String anchorHash) {
    }
}
