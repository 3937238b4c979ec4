package com.tradesense.marketdata.audit;

import java.util.Map;

/**
 * The outcome of re-walking the audit chains: whether every link holds, how many entries were checked,
 * the last sequence number seen per writer, and the first broken link if any.
 */
public record Verification(boolean intact, long entriesChecked, Map<String, Long> lastSeqByWriter, Break firstBreak) {
    public Verification {
        lastSeqByWriter = Map.copyOf(lastSeqByWriter);
    }

    /** Where the chain first fails: which writer, which sequence number, and why. */
    public record Break(String writerId, long seq, String reason) {
    }
}
