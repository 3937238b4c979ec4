package com.tradesense.marketdata.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks audit records in chain order (per writer, by sequence) and finds the first broken link: a
 * sequence gap (an entry removed), a previous hash that is not the prior link's hash (an entry removed,
 * inserted or reordered) or a hash that does not match the content (an entry changed). Records of
 * several writers may be interleaved as long as each writer's come in sequence order.
 *
 * <p>A chain may start after sequence 1 when retention deleted its oldest segments: its first kept entry
 * must then link to a retention anchor ({@link #anchor}), the recorded hash of the last deleted entry, and
 * the result says from where each such chain was checked ({@link Verification#anchored}). Without a
 * matching anchor the missing start is a gap.
 */
public final class ChainVerifier {
    private final Map<String, AuditRecord> last = new HashMap<>();
    private final Map<String, Map<Long, String>> anchors = new HashMap<>();
    private final List<Verification.Anchor> anchored = new ArrayList<>();
    private long checked;
    private Verification.Break broken;

    /** Records that retention deleted {@code writerId}'s entries up to {@code seq}, the last of which hashed to {@code hash}. */
    public void anchor(String writerId, long seq, String hash) {
        anchors.computeIfAbsent(writerId, w -> new HashMap<>()).put(seq, hash);
    }

    /** True if {@code r} would start its writer's chain after sequence 1 with no anchor known for the entry before it. */
    public boolean wantsAnchor(AuditRecord r) {
        return !last.containsKey(r.writerId()) && r.seq() > 1 && anchorHash(r.writerId(), r.seq() - 1) == null;
    }

    private String anchorHash(String writerId, long seq) {
        Map<Long, String> a = anchors.get(writerId);
        return a == null ? null : a.get(seq);
    }

    /** Feeds the next record; returns false once a break has been found (later records are not checked). */
    public boolean accept(AuditRecord r) {
        if (broken != null) {
            return false;
        }
        checked++;
        AuditRecord prev = last.get(r.writerId());
        long expectedSeq;
        String expectedPrev;
        if (prev != null) {
            expectedSeq = prev.seq() + 1;
            expectedPrev = prev.hash();
        } else if (r.seq() > 1 && anchorHash(r.writerId(), r.seq() - 1) != null) {
            expectedSeq = r.seq();
            expectedPrev = anchorHash(r.writerId(), r.seq() - 1);
            anchored.add(new Verification.Anchor(r.writerId(), r.seq(), expectedPrev));
        } else {
            expectedSeq = 1;
            expectedPrev = AuditRecord.GENESIS;
        }
        String anchorOfThis = anchorHash(r.writerId(), r.seq());
        if (r.seq() != expectedSeq) {
            broken = new Verification.Break(r.writerId(), r.seq(), prev == null && expectedSeq == 1
                    ? "sequence gap: the chain starts at " + r.seq() + ", with no retention anchor for entry " + (r.seq() - 1)
                    : "sequence gap: expected " + expectedSeq + ", found " + r.seq());
        } else if (!r.prevHash().equals(expectedPrev)) {
            broken = new Verification.Break(r.writerId(), r.seq(), prev == null && expectedSeq > 1
                    ? "previous hash does not match the retention anchor of entry " + (r.seq() - 1)
                    : "previous hash does not match the hash of entry " + (r.seq() - 1));
        } else if (!r.hash().equals(r.expectedHash())) {
            broken = new Verification.Break(r.writerId(), r.seq(), "content does not match its hash (entry changed)");
        } else if (anchorOfThis != null && !anchorOfThis.equals(r.hash())) {
            broken = new Verification.Break(r.writerId(), r.seq(), "hash does not match the retention anchor recorded for this entry");
        }
        last.put(r.writerId(), r);
        return broken == null;
    }

    /**
     * Reports a line of {@code writerId}'s journal that is not an entry at all (after {@code afterSeq}, 0 if
     * none came before it): something other than the engine wrote or damaged it.
     */
    public void unreadable(String writerId, long afterSeq, String where) {
        if (broken == null) {
            broken = new Verification.Break(writerId, afterSeq + 1, "not a journal entry: " + where);
        }
    }

    public Verification result() {
        Map<String, Long> heads = new HashMap<>();
        last.forEach((w, r) -> heads.put(w, r.seq()));
        return new Verification(broken == null, checked, heads, broken, anchored);
    }
}
