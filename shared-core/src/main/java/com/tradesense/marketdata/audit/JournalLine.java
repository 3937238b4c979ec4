package com.tradesense.marketdata.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The journal's line format: one entry a line, twelve tab-separated fields (writer, seq, epoch
 * microseconds, category, actor, action, symbol, data type, outcome, detail, previous hash, hash).
 * Backslash, tab, CR and LF inside a value are escaped ({@code \\ \t \r \n}) and an absent value is
 * {@code \N}, as in PostgreSQL's COPY text format, so a hostile actor name or symbol can never start a
 * new line or shift a field.
 */
final class JournalLine {
    private static final String NULL = "\\N";

    private JournalLine() {
    }

    static String fields(String writerId, long seq, AuditEvent e) {
        StringBuilder b = new StringBuilder(160);
        b.append(escape(writerId)).append('\t').append(seq).append('\t').append(AuditRecord.epochMicros(e.at()))
                .append('\t').append(e.category().name())
                .append('\t').append(escape(e.actor())).append('\t').append(escape(e.action()))
                .append('\t').append(escape(e.symbol())).append('\t').append(escape(e.dataType()))
                .append('\t').append(escape(e.outcome())).append('\t').append(escape(e.detail()));
        return b.toString();
    }

    static String format(AuditRecord r) {
        return fields(r.writerId(), r.seq(), r.event()) + '\t' + r.prevHash() + '\t' + r.hash() + '\n';
    }

    /** Parses a line without its newline; throws {@link IllegalArgumentException} for a malformed one. */
    static AuditRecord parse(String line) {
        List<String> f = split(line);
        if (f.size() != 12) {
            throw new IllegalArgumentException("expected 12 fields, found " + f.size());
        }
        AuditEvent e = new AuditEvent(AuditRecord.ofEpochMicros(Long.parseLong(f.get(2))),
                AuditEvent.Category.valueOf(f.get(3)), unescape(f.get(4)), unescape(f.get(5)), unescape(f.get(6)),
                unescape(f.get(7)), unescape(f.get(8)), unescape(f.get(9)));
        return new AuditRecord(unescape(f.get(0)), Long.parseLong(f.get(1)), e, f.get(10), f.get(11));
    }

    /** The sequence number of a line (its second field) without parsing the rest; -1 if the line has none. */
    static long seqOf(String line) {
        int a = line.indexOf('\t');
        int b = a < 0 ? -1 : line.indexOf('\t', a + 1);
        if (b < 0) {
            return -1;
        }
        try {
            return Long.parseLong(line, a + 1, b, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The time of a line's entry in epoch microseconds (its third field) without parsing the rest; {@link Long#MIN_VALUE} if it has none. */
    static long atMicrosOf(String line) {
        int a = line.indexOf('\t');
        int b = a < 0 ? -1 : line.indexOf('\t', a + 1);
        int c = b < 0 ? -1 : line.indexOf('\t', b + 1);
        if (c < 0) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(line, b + 1, c, 10);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>(12);
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out;
    }

    static String escape(String s) {
        if (s == null) {
            return NULL;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    static String unescape(String s) {
        if (NULL.equals(s)) {
            return null;
        }
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
