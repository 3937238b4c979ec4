package com.tradesense.marketdata.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * This process's audit chain in append-only segment files ({@link JournalSegment}): the hot path's durable
 * step. {@link #append} hashes the entry onto the chain and writes its line to the OS in one {@code write}
 * (no fsync per entry: the line survives the process being killed; only a machine crash can lose the last
 * lines, which {@link #sync} called every {@code mde.audit.fsync-interval} bounds), then returns. Whatever
 * ships the journal elsewhere (PostgreSQL) reads it back with {@link #positionAfter} and {@link #read}.
 *
 * <p>Segments rotate by size and age ({@link JournalSettings}); the chain runs on across them (the first
 * entry of a segment links to the last of the one before), and {@link #applyRetention} deletes old ones.
 * Opening reads only the tail of the newest segment, backwards from its end, to find the chain's head,
 * whatever the size of the history ({@link #bytesReadAtOpen}).
 *
 * <p>Each writer's chain belongs to one process at a time, held with an OS lock on
 * {@code audit-<writer>.lock}: a restarted process takes over its predecessor's chain (same writer id, next
 * sequence number), and a second process on the same directory starts a chain of its own. A line cut short
 * by a kill (never acknowledged, since append had not returned) is cut off when the journal is reopened.
 * The single file of the layout before segments, {@code audit-<writer>.log}, is taken over by renaming it
 * into the writer's first segment, without reading it.
 */
public final class AuditJournal implements Closeable {
    private static final System.Logger LOG = System.getLogger(AuditJournal.class.getName());
    /** After a failed rotation (disk full, no inodes left) entries go on into the current segment; try again this much later. */
    private static final long ROTATION_RETRY_MILLIS = 60_000;

    private final Path dir;
    private final String writerId;
    private final JournalSettings settings;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long bytesReadAtOpen;
    private final LongAdder bytesRead = new LongAdder();
    private final AtomicLong segmentsDeleted = new AtomicLong();

    // guarded by this
    /** This writer's segments in chain order; the last one is being written. Replaced, never changed in place. */
    private List<JournalSegment> segments;
    private FileChannel active;
    private long activeSize;
    /** Epoch ms of the written segment's first entry; -1 while it is empty. */
    private long activeStartedAt = -1;
    private long sealedBytes;
    private long seq;
    private String head;
    private long unsynced;
    private long rotationRetryAt;
    private boolean closed;

    /** A journal that exists but cannot be continued: its writer's chain is left as it is and this process starts its own. */
    private static final class JournalUnusable extends IOException {
        JournalUnusable(String message) {
            super(message);
        }
    }

    /** The last complete entry of a segment after its torn tail was cut, and what finding it cost. */
    private record Tail(long size, AuditRecord last, long bytesRead) {
    }

    private AuditJournal(Path dir, String writerId, JournalSettings settings, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.writerId = writerId;
        this.settings = settings;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.bytesReadAtOpen = recover();
    }

    /** {@link #open(Path, String, JournalSettings)} with 64 MiB / one-day segments. */
    public static AuditJournal open(Path dir, String writerId) {
        return open(dir, writerId, JournalSettings.defaults());
    }

    /**
     * Opens the journal of {@code writerId} in {@code dir}, or if that is null or held by another process,
     * the first journal in {@code dir} nobody holds, or a new one with a fresh writer id.
     */
    public static AuditJournal open(Path dir, String writerId, JournalSettings settings) {
        try {
            Files.createDirectories(dir);
            List<String> candidates = writerId != null ? List.of(writerId) : new ArrayList<>(JournalSegment.list(dir).keySet());
            for (String id : candidates) {
                try {
                    AuditJournal j = tryOpen(dir, id, settings);
                    if (j != null) {
                        return j;
                    }
                } catch (JournalUnusable e) {
                    LOG.log(System.Logger.Level.WARNING, "audit: the journal of writer {0} cannot be continued ({1}); it is left as it is "
                            + "and this process starts a chain of its own", id, e.getMessage());
                }
            }
            String fresh = (writerId != null ? writerId + "-" : "w-") + UUID.randomUUID().toString().substring(0, 8);
            AuditJournal j = tryOpen(dir, fresh, settings);
            if (j == null) {
                throw new IOException("cannot lock a new audit journal in " + dir);
            }
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("audit journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static AuditJournal tryOpen(Path dir, String id, JournalSettings settings) throws IOException {
        if (!JournalSegment.isWriterId(id)) {
            throw new IllegalArgumentException("audit writer id must be 1-64 of [A-Za-z0-9_.-], not '" + id + "'");
        }
        FileChannel ch = FileChannel.open(JournalSegment.lockPath(dir, id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = tryLock(ch);
        if (l == null) {
            ch.close();
            return null;
        }
        try {
            if (!takeOverLegacy(dir, id)) {
                l.release();
                ch.close();
                return null;
            }
            return new AuditJournal(dir, id, settings, ch, l);
        } catch (IOException | RuntimeException e) {
            l.release();
            ch.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM (another open of the same writer)
        }
    }

    /**
     * Renames the earlier layout's single file into the writer's first segment: no scan, the name only needs
     * its first entry's sequence number. Returns false if an engine of the earlier version still holds it.
     */
    private static boolean takeOverLegacy(Path dir, String id) throws IOException {
        Path legacy = JournalSegment.legacyPath(dir, id);
        if (!Files.exists(legacy)) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(legacy, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l = tryLock(ch);
            if (l == null) {
                return false;
            }
            SegmentLines lines = new SegmentLines(ch);
            SegmentLines.Line first = lines.lineStartingAt(0, ch.size());
            AuditRecord r = first == null ? null : first.record();
            Path target = JournalSegment.path(dir, id, r == null ? 1 : r.seq());
            if (Files.exists(target)) {
                throw new JournalUnusable("both " + legacy.getFileName() + " and " + target.getFileName() + " exist");
            }
            Files.move(legacy, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
            LOG.log(System.Logger.Level.INFO, "audit: took over {0} ({1} bytes) as the first segment {2}", legacy.getFileName(), String.valueOf(ch.size()),
                    target.getFileName());
        }
        return true;
    }

    /**
     * Finds the chain's head in the newest segment that holds an entry, reading backwards from its end, and
     * cuts off a torn last line; removes segments a rotation created but never wrote to (a kill in between).
     * Returns the bytes read.
     */
    private long recover() throws IOException {
        List<JournalSegment> segs = JournalSegment.list(dir, writerId);
        long read = 0;
        if (segs.isEmpty()) {
            Path p = JournalSegment.path(dir, writerId, 1);
            active = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            syncDirectory(dir);
            segments = List.of(new JournalSegment(writerId, 1, p, false));
            seq = 0;
            head = AuditRecord.GENESIS;
            activeSize = active.size();
            active.position(activeSize);
            return 0;
        }
        int headIdx = -1;
        AuditRecord last = null;
        for (int i = segs.size() - 1; i >= 0 && last == null; i--) {
            Tail t = recoverTail(segs.get(i).path());
            read += t.bytesRead();
            if (t.last() != null) {
                headIdx = i;
                last = t.last();
            }
        }
        if (last == null && segs.get(0).firstSeq() != 1) {
            throw new JournalUnusable("no entry left in its segments, and they start at " + segs.get(0).firstSeq() + ", not 1");
        }
        seq = last == null ? 0 : last.seq();
        head = last == null ? AuditRecord.GENESIS : last.hash();
        List<JournalSegment> kept = new ArrayList<>(segs.subList(0, headIdx + 1));
        boolean nextKept = false;
        for (int i = headIdx + 1; i < segs.size(); i++) {
            JournalSegment s = segs.get(i);
            if (!nextKept && s.firstSeq() == seq + 1) {
                kept.add(s); // the rotation had finished: write on in it
                nextKept = true;
            } else {
                Files.deleteIfExists(s.path());
                LOG.log(System.Logger.Level.INFO, "audit: removed {0}, an empty segment out of the chain''s order", s.path().getFileName());
            }
        }
        segments = List.copyOf(kept);
        JournalSegment written = kept.get(kept.size() - 1);
        for (JournalSegment s : kept.subList(0, kept.size() - 1)) {
            sealedBytes += sizeOf(s.path());
        }
        active = FileChannel.open(written.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        activeSize = active.size();
        active.position(activeSize);
        if (activeSize > 0) {
            SegmentLines lines = new SegmentLines(active);
            SegmentLines.Line first = lines.lineStartingAt(0, activeSize);
            read += lines.bytesRead();
            AuditRecord r = first == null ? null : first.record();
            activeStartedAt = r == null ? settings.clock().millis() : r.event().at().toEpochMilli();
        }
        return read;
    }

    private static Tail recoverTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            SegmentLines lines = new SegmentLines(ch);
            long size = ch.size();
            long end = lines.endOfCompleteLines(size);
            AuditRecord last = null;
            int malformed = 0;
            while (end > 0) {
                SegmentLines.Line l = lines.lineEndingAt(end);
                last = l.record();
                if (last != null) {
                    break;
                }
                // A complete line that is not an entry: garbage a machine crash left (the engine writes whole lines).
                malformed++;
                end = l.start();
            }
            if (end < size) {
                ch.truncate(end);
                ch.force(true);
                if (malformed == 0) {
                    LOG.log(System.Logger.Level.INFO, "audit: cut a torn last line ({0} bytes, never acknowledged) off {1}", String.valueOf(size - end),
                            file.getFileName());
                } else {
                    LOG.log(System.Logger.Level.WARNING, "audit: cut {0} malformed line(s) ({1} bytes) off the end of {2}", String.valueOf(malformed),
                            String.valueOf(size - end), file.getFileName());
                }
            }
            return new Tail(end, last, lines.bytesRead());
        }
    }

    public String writerId() {
        return writerId;
    }

    /** The directory of the journal files. */
    public Path directory() {
        return dir;
    }

    /** The segment being written. */
    public synchronized Path file() {
        return segments.get(segments.size() - 1).path();
    }

    /** This writer's segments in chain order, the one being written last. */
    public synchronized List<JournalSegment> segments() {
        return segments;
    }

    /** Bytes this writer's segments hold on disk. */
    public synchronized long bytes() {
        return sealedBytes + activeSize;
    }

    /** Bytes read from the journal files to open it (chain head, torn-line check): the tail only, whatever the history. */
    public long bytesReadAtOpen() {
        return bytesReadAtOpen;
    }

    /** Bytes read by {@link #positionAfter} and {@link #read} since the journal was opened. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Segments {@link #applyRetention} has deleted since the journal was opened. */
    public long segmentsDeleted() {
        return segmentsDeleted.get();
    }

    /** Appends the event to the chain; when this returns the entry is with the OS (acknowledged). */
    public synchronized AuditRecord append(AuditEvent event) {
        AuditRecord r = AuditRecord.link(writerId, seq + 1, event, head);
        ByteBuffer line = ByteBuffer.wrap(JournalLine.format(r).getBytes(StandardCharsets.UTF_8));
        long now = settings.clock().millis();
        if (activeSize > 0 && now >= rotationRetryAt
                && (activeSize + line.capacity() > settings.segmentMaxBytes() || ageDue(now))) {
            rotate(r.seq(), now);
        }
        try {
            while (line.hasRemaining()) {
                active.write(line);
            }
        } catch (IOException e) {
            undoPartialWrite();
            throw new UncheckedIOException("audit journal write failed: " + e.getMessage(), e);
        }
        if (activeSize == 0) {
            activeStartedAt = now;
        }
        activeSize += line.capacity();
        unsynced++;
        seq = r.seq();
        head = r.hash();
        return r;
    }

    private boolean ageDue(long now) {
        return !settings.segmentMaxAge().isZero() && now - activeStartedAt >= settings.segmentMaxAge().toMillis();
    }

    /** A failed write may have left part of a line: cut it, so that the next entry does not follow a fragment. */
    private void undoPartialWrite() {
        try {
            active.truncate(activeSize);
            active.position(activeSize);
        } catch (IOException ignored) {
            // the file is unusable; reopening cuts the fragment as a torn line
        }
    }

    /** Starts the segment of {@code nextSeq}; on failure entries go on into the current one and rotation is tried again later. */
    private void rotate(long nextSeq, long now) {
        Path p = JournalSegment.path(dir, writerId, nextSeq);
        FileChannel next = null;
        try {
            // The closed segment reaches the disk before its successor exists: after a machine crash a newer
            // segment never follows one that lost its last entries.
            active.force(false);
            next = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (next.size() != 0) {
                throw new IOException(p.getFileName() + " exists and is not empty");
            }
            syncDirectory(dir);
        } catch (IOException e) {
            if (next != null) {
                try {
                    next.close();
                } catch (IOException ignored) {
                    // nothing was written to it
                }
            }
            rotationRetryAt = now + ROTATION_RETRY_MILLIS;
            LOG.log(System.Logger.Level.WARNING, "audit: cannot start segment {0} ({1}); entries go on into {2}", p.getFileName(),
                    e.getMessage(), file().getFileName());
            return;
        }
        FileChannel closedOne = active;
        active = next;
        sealedBytes += activeSize;
        activeSize = 0;
        activeStartedAt = -1;
        unsynced = 0;
        List<JournalSegment> s = new ArrayList<>(segments);
        s.add(new JournalSegment(writerId, nextSeq, p, false));
        segments = List.copyOf(s);
        try {
            closedOne.close();
        } catch (IOException ignored) {
            // it was forced above; closing only frees the descriptor
        }
    }

    /** Rotates a segment that has reached its age although nothing was appended since (so that retention can see it). */
    public synchronized void rotateIfDue() {
        long now = settings.clock().millis();
        if (!closed && activeSize > 0 && now >= rotationRetryAt && ageDue(now)) {
            rotate(seq + 1, now);
        }
    }

    /** Forces written lines to the disk if there are any since the last call (group fsync). */
    public void sync() {
        FileChannel ch;
        synchronized (this) {
            if (unsynced == 0 || closed) {
                return;
            }
            unsynced = 0;
            ch = active;
        }
        try {
            ch.force(false);
        } catch (ClosedChannelException e) {
            // rotated meanwhile, and rotation forced it, or closed (which syncs first)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized long lastSeq() {
        return seq;
    }

    /** Where a reader of the journal is: a segment (by its first sequence number) and a byte offset in it, at a line start. */
    public record Position(long segment, long offset) {
    }

    /** Records read from the journal, where the next read starts, and how many lines were skipped as not entries. */
    public record Batch(List<AuditRecord> records, Position next, int unreadable) {
    }

    /**
     * Where the first entry after {@code seq} is (or will be): found from the segment names and a bisection
     * inside one segment, never a scan of what comes before. If entries after {@code seq} were deleted
     * already, the oldest kept entry.
     */
    public Position positionAfter(long seq) {
        List<JournalSegment> segs;
        long committed;
        synchronized (this) {
            segs = segments;
            committed = activeSize;
        }
        long target = seq + 1;
        int i = segs.size() - 1;
        while (i > 0 && segs.get(i).firstSeq() > target) {
            i--;
        }
        JournalSegment s = segs.get(i);
        if (s.firstSeq() >= target) {
            return new Position(s.firstSeq(), 0);
        }
        try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ)) {
            long limit = i == segs.size() - 1 ? committed : ch.size();
            SegmentLines lines = new SegmentLines(ch);
            long offset = lines.seek(limit, target);
            bytesRead.add(lines.bytesRead());
            return new Position(s.firstSeq(), offset);
        } catch (NoSuchFileException e) {
            return new Position(s.firstSeq(), 0); // deleted meanwhile: read goes on with the next segment
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads up to {@code max} entries from {@code from}, complete lines only, going on into the next segment at
     * the end of a closed one; a line that is not an entry (not written by the engine) is skipped and counted.
     */
    public Batch read(Position from, int max) {
        List<JournalSegment> segs;
        long committed;
        synchronized (this) {
            segs = segments;
            committed = activeSize;
        }
        long writing = segs.get(segs.size() - 1).firstSeq();
        int i = 0;
        while (i < segs.size() && segs.get(i).firstSeq() < from.segment()) {
            i++;
        }
        if (i == segs.size()) {
            return new Batch(List.of(), from, 0);
        }
        long offset = segs.get(i).firstSeq() == from.segment() ? from.offset() : 0;
        List<AuditRecord> out = new ArrayList<>(Math.min(max, 1024));
        int[] unreadable = {0};
        while (true) {
            JournalSegment s = segs.get(i);
            boolean isWriting = s.firstSeq() == writing;
            try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ)) {
                long limit = isWriting ? committed : ch.size();
                SegmentLines lines = new SegmentLines(ch);
                offset = lines.scan(offset, limit, Integer.MAX_VALUE, l -> {
                    AuditRecord r = l.record();
                    if (r == null) {
                        unreadable[0]++;
                    } else {
                        out.add(r);
                    }
                    return out.size() < max;
                });
                bytesRead.add(lines.bytesRead());
            } catch (NoSuchFileException e) {
                // deleted by retention meanwhile: go on with the next segment
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.size() >= max || isWriting || i + 1 >= segs.size()) {
                return new Batch(out, new Position(s.firstSeq(), offset), unreadable[0]);
            }
            i++;
            offset = 0;
        }
    }

    /**
     * Deletes the oldest closed segments {@code policy} lets go, oldest first, each only if its last entry
     * is at most {@code shippedThrough} (pass {@link Long#MAX_VALUE} when the journal is the trail). Before a
     * segment is deleted its last entry is recorded as a retention anchor, so that verify can check the
     * chain from the oldest kept entry on. Never deletes the segment being written or the one holding the
     * chain's head. Returns the number of segments deleted.
     */
    public int applyRetention(RetentionPolicy policy, long shippedThrough) {
        if (policy.keepsAll()) {
            return 0;
        }
        List<JournalSegment> segs;
        long total;
        int headIdx;
        synchronized (this) {
            if (closed) {
                return 0;
            }
            segs = segments;
            total = sealedBytes + activeSize;
            headIdx = activeSize > 0 ? segs.size() - 1 : segs.size() - 2;
        }
        long now = settings.clock().millis();
        int deleted = 0;
        for (int i = 0; i < headIdx; i++) {
            JournalSegment s = segs.get(i);
            long size;
            AuditRecord last;
            try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ)) {
                size = ch.size();
                SegmentLines lines = new SegmentLines(ch);
                long end = lines.endOfCompleteLines(size);
                last = end == 0 ? null : lines.lineEndingAt(end).record();
            } catch (NoSuchFileException e) {
                forget(s, 0);
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (last == null && size > 0) {
                break; // its end is not an entry: keep it for whoever investigates (verify reports it)
            }
            try {
                if (last != null) {
                    if (last.seq() > shippedThrough) {
                        break;
                    }
                    boolean aged = !policy.maxAge().isZero() && last.event().at().toEpochMilli() < now - policy.maxAge().toMillis();
                    boolean over = policy.maxBytes() > 0 && total > policy.maxBytes();
                    if (!aged && !over) {
                        break;
                    }
                    RetentionAnchors.append(dir, last, s.path().getFileName().toString());
                }
                Files.deleteIfExists(s.path());
            } catch (IOException e) {
                throw new UncheckedIOException("audit retention: " + e.getMessage(), e);
            }
            forget(s, size);
            total -= size;
            deleted++;
            segmentsDeleted.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "audit: retention deleted {0} ({1} bytes, entries up to {2})", s.path().getFileName(), String.valueOf(size),
                    last == null ? "none" : Long.toString(last.seq()));
        }
        return deleted;
    }

    private synchronized void forget(JournalSegment s, long size) {
        List<JournalSegment> rest = new ArrayList<>(segments);
        if (rest.remove(s)) {
            sealedBytes -= size;
            segments = List.copyOf(rest);
        }
    }

    private static long sizeOf(Path p) throws IOException {
        try {
            return Files.size(p);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Makes a file created or renamed in {@code dir} survive a machine crash. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every platform can open a directory: the name is then as durable as the OS makes it
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            active.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                lockChannel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "audit: releasing the journal lock: {0}", e.getMessage());
            }
        }
    }
}
