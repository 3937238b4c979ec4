package com.tradesense.marketdata.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One link of a writer's hash chain: an {@link AuditEvent} with the writer that recorded it, its
 * sequence number in that writer's chain (1, 2, 3, ... without gaps), the previous link's hash and its
 * own: {@code hash = SHA-256(prevHash bytes || canonical bytes)}. Changing, removing or reordering any
 * entry breaks every later link, which {@link ChainVerifier} reports.
 *
 * <p>Times are kept to the microsecond, the precision PostgreSQL stores, so that a row read back hashes
 * to the same value as the entry that was written.
 */
public record AuditRecord(String writerId, long seq, AuditEvent event, String prevHash, String hash) {
    /** The previous hash of a chain's first link. */
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    public AuditRecord {
        Objects.requireNonNull(writerId, "writerId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The next link after {@code prevHash}: truncates the time to microseconds, then hashes. */
    public static AuditRecord link(String writerId, long seq, AuditEvent event, String prevHash) {
        AuditEvent e = normalise(event);
        return new AuditRecord(writerId, seq, e, prevHash, hash(prevHash, canonical(writerId, seq, e)));
    }

    /** What this link's hash should be, recomputed from its content. */
    public String expectedHash() {
        return hash(prevHash, canonical(writerId, seq, event));
    }

    /**
     * What can be stored and read back byte for byte: time to the microsecond, text without NUL (PostgreSQL
     * text cannot hold it) or unpaired surrogates (UTF-8 cannot encode them), each field bounded in length
     * so that a hostile symbol or actor cannot bloat the trail.
     */
    static AuditEvent normalise(AuditEvent e) {
        return new AuditEvent(e.at().truncatedTo(ChronoUnit.MICROS), e.category(), clean(e.actor(), 200),
                clean(e.action(), 200), clean(e.symbol(), 200), clean(e.dataType(), 100), clean(e.outcome(), 100),
                clean(e.detail(), 1000));
    }

    static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b.length() + 2 > max) {
                    break;
                }
                b.append(c).append(s.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The bytes that are hashed: the journal line's fields before the hashes (writer, seq, time in epoch
     * microseconds, category, actor, action, symbol, data type, outcome, detail), escaped and tab-separated.
     */
    static byte[] canonical(String writerId, long seq, AuditEvent e) {
        return JournalLine.fields(writerId, seq, e).getBytes(StandardCharsets.UTF_8);
    }

    static String hash(String prevHash, byte[] canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HEX.parseHex(prevHash));
            return HEX.formatHex(sha.digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IllegalArgumentException e) {
            // A tampered prev_hash that is not hex: the link cannot match anything.
            return "invalid-prev-hash";
        }
    }

    public static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
