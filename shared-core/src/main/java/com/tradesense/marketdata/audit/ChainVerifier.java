package com.tradesense.marketdata.audit;

import java.util.HashMap;
import java.util.Map;

/**
 * Walks audit records in chain order (per writer, by sequence) and finds the first broken link: a
 * sequence gap (an entry removed), a previous hash that is not the prior link's hash (an entry removed,
 * inserted or reordered) or a hash that does not match the content (an entry changed). Records of
 * several writers may be interleaved as long as each writer's come in sequence order.
 */
public final class ChainVerifier {
    private final Map<String, AuditRecord> last = new HashMap<>();
    private long checked;
    private Verification.Break broken;

    /** Feeds the next record; returns false once a break has been found (later records are not checked). */
    public boolean accept(AuditRecord r) {
        if (broken != null) {
            return false;
        }
        checked++;
        AuditRecord prev = last.get(r.writerId());
        long expectedSeq = prev == null ? 1 : prev.seq() + 1;
        String expectedPrev = prev == null ? AuditRecord.GENESIS : prev.hash();
        if (r.seq() != expectedSeq) {
            broken = new Verification.Break(r.writerId(), r.seq(), "sequence gap: expected " + expectedSeq + ", found " + r.seq());
        } else if (!r.prevHash().equals(expectedPrev)) {
            broken = new Verification.Break(r.writerId(), r.seq(), "previous hash does not match the hash of entry " + (r.seq() - 1));
        } else if (!r.hash().equals(r.expectedHash())) {
            broken = new Verification.Break(r.writerId(), r.seq(), "content does not match its hash (entry changed)");
        }
        last.put(r.writerId(), r);
        return broken == null;
    }

    public Verification result() {
        Map<String, Long> heads = new HashMap<>();
        last.forEach((w, r) -> heads.put(w, r.seq()));
        return new Verification(broken == null, checked, heads, broken);
    }
}
