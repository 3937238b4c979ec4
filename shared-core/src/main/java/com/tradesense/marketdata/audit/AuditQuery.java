package com.tradesense.marketdata.audit;

import java.time.Instant;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/**
 * A page request over the audit trail, newest first: optional filters on actor, action, category and a
 * time range ({@code from} inclusive, {@code to} exclusive), a page size, and the opaque cursor of the
 * previous page (the last entry it returned).
 */
public record AuditQuery(String actor, String action, AuditEvent.Category category, Instant from, Instant to, int limit,
                         Cursor after) {

    /** Position after which the next page starts: (time, writer, seq) of the last entry returned, descending. */
    public record Cursor(long atMicros, String writerId, long seq) {
        public String encode() {
            String raw = "a1:" + atMicros + ":" + seq + ":" + writerId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Decodes a cursor from {@link #encode()}; throws {@link IllegalArgumentException} for anything else. */
        public static Cursor decode(String token) {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] p = raw.split(":", 4);
            if (p.length != 4 || !p[0].equals("a1")) {
                throw new IllegalArgumentException("not an audit cursor");
            }
            return new Cursor(Long.parseLong(p[1]), p[3], Long.parseLong(p[2]));
        }

        public static Cursor of(AuditRecord r) {
            return new Cursor(AuditRecord.epochMicros(r.event().at()), r.writerId(), r.seq());
        }

        /** True if {@code r} comes after this cursor in newest-first order. */
        public boolean before(AuditRecord r) {
            long at = AuditRecord.epochMicros(r.event().at());
            if (at != atMicros) {
                return at < atMicros;
            }
            int w = r.writerId().compareTo(writerId);
            return w != 0 ? w < 0 : r.seq() < seq;
        }
    }

    public boolean matches(AuditRecord r) {
        AuditEvent e = r.event();
        return (actor == null || actor.equals(e.actor())) && (action == null || action.equals(e.action()))
                && (category == null || category == e.category())
                && (from == null || !e.at().isBefore(from)) && (to == null || e.at().isBefore(to))
                && (after == null || after.before(r));
    }
}
