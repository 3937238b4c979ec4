package com.tradesense.marketdata.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of a writer's journal: the writer's entries from {@code firstSeq} on, in sequence order, up to
 * the next segment's first sequence number. The name says both, {@code audit-<writer>@<firstSeq>.log}
 * with the sequence number zero-padded to 19 digits (so that a plain {@code ls} lists a writer's segments
 * in chain order), which is what lets start-up find the newest segment and the shipper find the segment
 * holding a given entry without opening any other.
 *
 * <p>{@code @} is not in the writer-id alphabet, so a segment name can never be mistaken for the single
 * file of the earlier layout, {@code audit-<writer>.log} ({@link #legacy}), which is read as the writer's
 * first segment until its writer takes it over and renames it.
 */
public record JournalSegment(String writerId, long firstSeq, Path path, boolean legacy) {
    /** A writer id: what may stand between {@code audit-} and the rest of a journal file name. */
    static final Pattern WRITER_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern SEGMENT = Pattern.compile("audit-(" + WRITER_ID.pattern() + ")@(\\d{19})\\.log");
    private static final Pattern LEGACY = Pattern.compile("audit-(" + WRITER_ID.pattern() + ")\\.log");
    private static final Comparator<JournalSegment> CHAIN_ORDER =
            Comparator.comparing(JournalSegment::writerId).thenComparing(s -> !s.legacy()).thenComparingLong(JournalSegment::firstSeq);

    /** The segment of {@code writerId} whose first entry is {@code firstSeq}. */
    static Path path(Path dir, String writerId, long firstSeq) {
        return dir.resolve("audit-" + writerId + "@" + String.format("%019d", firstSeq) + ".log");
    }

    /** The single journal file of the layout before segments. */
    static Path legacyPath(Path dir, String writerId) {
        return dir.resolve("audit-" + writerId + ".log");
    }

    /** The file whose OS lock says which process writes this writer's chain (never deleted: removing a lock file races). */
    static Path lockPath(Path dir, String writerId) {
        return dir.resolve("audit-" + writerId + ".lock");
    }

    /** The retention anchors of a writer: the last entry of each segment retention deleted ({@link RetentionAnchors}). */
    static Path anchorsPath(Path dir, String writerId) {
        return dir.resolve("audit-" + writerId + ".anchors");
    }

    static boolean isWriterId(String id) {
        return id != null && WRITER_ID.matcher(id).matches();
    }

    /** The segment a file name denotes, or null for any other file. A legacy file is put first (sequence 1: its chain began there). */
    static JournalSegment parse(Path file) {
        String name = file.getFileName().toString();
        Matcher m = SEGMENT.matcher(name);
        if (m.matches()) {
            return new JournalSegment(m.group(1), Long.parseLong(m.group(2)), file, false);
        }
        m = LEGACY.matcher(name);
        if (m.matches()) {
            return new JournalSegment(m.group(1), 1, file, true);
        }
        return null;
    }

    /** Every writer's segments in {@code dir}, by writer id, each list in chain order (a legacy file first). Reads names only. */
    public static Map<String, List<JournalSegment>> list(Path dir) {
        Map<String, List<JournalSegment>> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<JournalSegment> all = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                JournalSegment s = parse(f);
                if (s != null) {
                    all.add(s);
                }
            });
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("audit journal directory " + dir + ": " + e.getMessage(), e);
        }
        all.sort(CHAIN_ORDER);
        for (JournalSegment s : all) {
            out.computeIfAbsent(s.writerId(), w -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The segments of one writer in chain order. */
    static List<JournalSegment> list(Path dir, String writerId) {
        return list(dir).getOrDefault(writerId, List.of());
    }
}
