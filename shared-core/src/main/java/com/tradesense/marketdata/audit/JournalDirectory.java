package com.tradesense.marketdata.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every writer's journal in one directory, read without a database (the standalone's trail): a re-walk of
 * each chain across its segments, from the first entry or from the retention anchor of the oldest kept
 * one, and newest-first pages.
 *
 * <p>Pages keep only the best {@code limit + 1} entries in memory, and skip segments by their time
 * bounds: the earliest and latest entry time of each segment read once is remembered (with the file's
 * size and modification time, so that a changed file is read again; a segment being written has only its
 * new lines read), and a later query skips segments outside its range or older than the page it has
 * already filled. The first query after start reads every segment once.
 */
public final class JournalDirectory {
    private static final Comparator<AuditRecord> NEWEST_FIRST = Comparator
            .comparingLong((AuditRecord r) -> AuditRecord.epochMicros(r.event().at())).reversed()
            .thenComparing(AuditRecord::writerId, Comparator.reverseOrder())
            .thenComparing(AuditRecord::seq, Comparator.reverseOrder());

    private final Path dir;
    private final Map<Path, Bounds> bounds = new ConcurrentHashMap<>();
    private volatile long bytesRead;

    /** Earliest and latest entry time (epoch µs) of the first {@code bytes} of a segment last modified at {@code modified} (epoch ms). */
    private record Bounds(long bytes, long modified, long minMicros, long maxMicros) {
        boolean empty() {
            return minMicros > maxMicros;
        }
    }

    public JournalDirectory(Path dir) {
        this.dir = dir;
    }

    /** Bytes read from segment files by this reader so far (what skipping saves shows here). */
    public long bytesRead() {
        return bytesRead;
    }

    /** Re-walks every chain in the directory, each across its segments in order. */
    public Verification verify() {
        ChainVerifier v = new ChainVerifier();
        for (Map.Entry<String, List<JournalSegment>> w : JournalSegment.list(dir).entrySet()) {
            String writer = w.getKey();
            RetentionAnchors.read(dir, writer).forEach((seq, hash) -> v.anchor(writer, seq, hash));
            boolean[] anchorsReread = {false};
            long[] lastSeq = {0};
            for (JournalSegment s : w.getValue()) {
                boolean goOn = scan(s, l -> {
                    AuditRecord r = l.record();
                    if (r == null) {
                        v.unreadable(writer, lastSeq[0], "the line at byte " + l.start() + " of " + s.path().getFileName());
                        return false;
                    }
                    if (!anchorsReread[0] && v.wantsAnchor(r)) {
                        // retention may have deleted a segment (anchor first) since the anchors were read
                        RetentionAnchors.read(dir, writer).forEach((seq, hash) -> v.anchor(writer, seq, hash));
                        anchorsReread[0] = true;
                    }
                    lastSeq[0] = r.seq();
                    return v.accept(r);
                });
                if (!goOn) {
                    return v.result();
                }
            }
        }
        return v.result();
    }

    /** A page of the journals, newest first. */
    public AuditPage query(AuditQuery q) {
        int keep = q.limit() + 1;
        PriorityQueue<AuditRecord> best = new PriorityQueue<>(keep + 1, NEWEST_FIRST.reversed()); // head: the oldest kept
        List<JournalSegment> unknown = new ArrayList<>();
        List<Map.Entry<JournalSegment, Bounds>> known = new ArrayList<>();
        for (List<JournalSegment> segs : JournalSegment.list(dir).values()) {
            for (JournalSegment s : segs) {
                Bounds b = currentBounds(s);
                if (b == null) {
                    unknown.add(s);
                } else {
                    known.add(Map.entry(s, b));
                }
            }
        }
        for (JournalSegment s : unknown) {
            collect(s, q, best, keep);
        }
        known.sort(Comparator.comparingLong((Map.Entry<JournalSegment, Bounds> e) -> e.getValue().maxMicros()).reversed());
        for (Map.Entry<JournalSegment, Bounds> e : known) {
            Bounds b = e.getValue();
            if (b.empty() || !overlaps(b, q)) {
                continue;
            }
            if (best.size() >= keep && b.maxMicros() < AuditRecord.epochMicros(best.peek().event().at())) {
                break; // every segment left is older than the whole page
            }
            collect(e.getKey(), q, best, keep);
        }
        List<AuditRecord> all = new ArrayList<>(best);
        all.sort(NEWEST_FIRST);
        List<AuditRecord> page = all.subList(0, Math.min(q.limit(), all.size()));
        return new AuditPage(page, all.size() > q.limit() && !page.isEmpty() ? AuditQuery.Cursor.of(page.get(page.size() - 1)) : null);
    }

    private static boolean overlaps(Bounds b, AuditQuery q) {
        return (q.from() == null || b.maxMicros() >= AuditRecord.epochMicros(q.from()))
                && (q.to() == null || b.minMicros() < AuditRecord.epochMicros(q.to()))
                && (q.after() == null || b.minMicros() <= q.after().atMicros());
    }

    /** The bounds of {@code s} if they are known for its current content (reading only lines appended since); null if not. */
    private Bounds currentBounds(JournalSegment s) {
        Bounds b = bounds.get(s.path());
        if (b == null) {
            return null;
        }
        try {
            long size = Files.size(s.path());
            long modified = Files.getLastModifiedTime(s.path()).toMillis();
            if (size == b.bytes() && modified == b.modified()) {
                return b;
            }
            if (size < b.bytes()) {
                return null; // cut or replaced: read it again
            }
            long[] minMax = {b.minMicros(), b.maxMicros()};
            long end = read(s.path(), b.bytes(), l -> {
                long at = JournalLine.atMicrosOf(l.text());
                if (at != Long.MIN_VALUE) {
                    minMax[0] = Math.min(minMax[0], at);
                    minMax[1] = Math.max(minMax[1], at);
                }
                return true;
            });
            Bounds grown = new Bounds(end, modified, minMax[0], minMax[1]);
            bounds.put(s.path(), grown);
            return grown;
        } catch (NoSuchFileException e) {
            bounds.remove(s.path());
            return new Bounds(0, 0, Long.MAX_VALUE, Long.MIN_VALUE); // deleted by retention meanwhile: nothing in it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Offers the entries of {@code s} that match to {@code best} (at most {@code keep} kept) and remembers its bounds. */
    private void collect(JournalSegment s, AuditQuery q, PriorityQueue<AuditRecord> best, int keep) {
        long fromMicros = q.from() == null ? Long.MIN_VALUE : AuditRecord.epochMicros(q.from());
        long toMicros = q.to() == null ? Long.MAX_VALUE : AuditRecord.epochMicros(q.to());
        long afterMicros = q.after() == null ? Long.MAX_VALUE : q.after().atMicros();
        long[] minMax = {Long.MAX_VALUE, Long.MIN_VALUE};
        try {
            long modified = Files.getLastModifiedTime(s.path()).toMillis();
            long end = read(s.path(), 0, l -> {
                long at = JournalLine.atMicrosOf(l.text());
                if (at == Long.MIN_VALUE) {
                    return true; // not an entry: verify reports it
                }
                minMax[0] = Math.min(minMax[0], at);
                minMax[1] = Math.max(minMax[1], at);
                // cheap rejections on the time field before the line is parsed
                if (at < fromMicros || at >= toMicros || at > afterMicros
                        || (best.size() >= keep && at < AuditRecord.epochMicros(best.peek().event().at()))) {
                    return true;
                }
                AuditRecord r = l.record();
                if (r != null && q.matches(r)) {
                    if (best.size() < keep) {
                        best.add(r);
                    } else if (NEWEST_FIRST.compare(r, best.peek()) < 0) {
                        best.poll();
                        best.add(r);
                    }
                }
                return true;
            });
            bounds.put(s.path(), new Bounds(end, modified, minMax[0], minMax[1]));
        } catch (NoSuchFileException e) {
            bounds.remove(s.path()); // deleted by retention meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Visits the complete lines of {@code s}; returns false if the visitor stopped. A segment deleted meanwhile has none. */
    private boolean scan(JournalSegment s, SegmentLines.Visitor visitor) {
        boolean[] stopped = {false};
        try {
            read(s.path(), 0, l -> {
                boolean goOn = visitor.line(l);
                stopped[0] = !goOn;
                return goOn;
            });
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return !stopped[0];
    }

    private long read(Path file, long from, SegmentLines.Visitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SegmentLines lines = new SegmentLines(ch);
            long end = lines.scan(from, ch.size(), Integer.MAX_VALUE, visitor);
            synchronized (this) {
                bytesRead += lines.bytesRead();
            }
            return end;
        }
    }
}
