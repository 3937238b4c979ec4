package com.tradesense.marketdata.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * This process's audit chain in an append-only file, {@code <dir>/audit-<writer>.log}: the hot path's
 * durable step. {@link #append} hashes the entry onto the chain and writes its line to the OS in one
 * {@code write} (no fsync per entry: the line survives the process being killed; only a machine crash can
 * lose the last lines, which {@code mde.audit.fsync-interval} bounds), then returns. Whatever ships the
 * journal elsewhere (PostgreSQL) reads it back with {@link #read}.
 *
 * <p>Each journal file belongs to one writer at a time, held with an OS file lock: a restarted process
 * takes over its predecessor's file and continues its chain (same writer id, next sequence number), and a
 * second process on the same directory starts a chain of its own. A line cut short by a kill (never
 * acknowledged, since append had not returned) is dropped when the file is reopened.
 */
public final class AuditJournal implements Closeable {
    private static final Pattern FILE = Pattern.compile("audit-([A-Za-z0-9_.-]{1,64})\\.log");

    private final Path file;
    private final String writerId;
    private final FileChannel channel;
    private final FileLock lock;
    private long seq;
    private String head;
    private long size;
    private long unsynced;

    private AuditJournal(Path file, String writerId, FileChannel channel, FileLock lock) throws IOException {
        this.file = file;
        this.writerId = writerId;
        this.channel = channel;
        this.lock = lock;
        recover();
    }

    /**
     * Opens the journal of {@code writerId} in {@code dir}, or if that is null or held by another process,
     * the first journal in {@code dir} nobody holds, or a new one with a fresh writer id.
     */
    public static AuditJournal open(Path dir, String writerId) {
        try {
            Files.createDirectories(dir);
            List<String> candidates = new ArrayList<>();
            if (writerId != null) {
                candidates.add(writerId);
            } else {
                try (var files = Files.list(dir)) {
                    files.map(p -> FILE.matcher(p.getFileName().toString())).filter(java.util.regex.Matcher::matches)
                            .map(m -> m.group(1)).sorted().forEach(candidates::add);
                }
            }
            for (String id : candidates) {
                AuditJournal j = tryOpen(dir, id);
                if (j != null) {
                    return j;
                }
            }
            String fresh = (writerId != null ? writerId + "-" : "w-") + UUID.randomUUID().toString().substring(0, 8);
            AuditJournal j = tryOpen(dir, fresh);
            if (j == null) {
                throw new IOException("cannot lock a new audit journal in " + dir);
            }
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("audit journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static AuditJournal tryOpen(Path dir, String id) throws IOException {
        if (!FILE.matcher("audit-" + id + ".log").matches()) {
            throw new IllegalArgumentException("audit writer id must be 1-64 of [A-Za-z0-9_.-], not '" + id + "'");
        }
        Path f = dir.resolve("audit-" + id + ".log");
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            return null;
        }
        return new AuditJournal(f, id, ch, l);
    }

    /** Finds the chain's head and cuts off a torn last line. */
    private void recover() throws IOException {
        long[] good = {0};
        AuditRecord[] lastRecord = {null};
        long end = scan(file, 0, r -> lastRecord[0] = r, good);
        if (end != channel.size()) {
            channel.truncate(end);
        }
        size = end;
        seq = lastRecord[0] == null ? 0 : lastRecord[0].seq();
        head = lastRecord[0] == null ? AuditRecord.GENESIS : lastRecord[0].hash();
        channel.position(size);
    }

    public String writerId() {
        return writerId;
    }

    public Path file() {
        return file;
    }

    /** Appends the event to the chain; when this returns the entry is with the OS (acknowledged). */
    public synchronized AuditRecord append(AuditEvent event) {
        AuditRecord r = AuditRecord.link(writerId, seq + 1, event, head);
        ByteBuffer line = ByteBuffer.wrap(JournalLine.format(r).getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("audit journal write failed: " + e.getMessage(), e);
        }
        size += line.capacity();
        unsynced++;
        seq = r.seq();
        head = r.hash();
        return r;
    }

    /** Forces written lines to the disk if there are any since the last call (group fsync). */
    public void sync() {
        synchronized (this) {
            if (unsynced == 0) {
                return;
            }
            unsynced = 0;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized long lastSeq() {
        return seq;
    }

    /** Bytes of complete lines written so far: {@link #read} up to here sees every acknowledged entry. */
    public synchronized long size() {
        return size;
    }

    /**
     * Reads complete lines from byte {@code offset} up to {@code max} records; returns the records and the
     * offset after the last one read.
     */
    public Batch read(long offset, int max) {
        List<AuditRecord> out = new ArrayList<>();
        long[] good = {offset};
        try {
            scanLimited(file, offset, Math.min(size(), Long.MAX_VALUE), max, out::add, good);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Batch(out, good[0]);
    }

    /** Records read from the journal and the offset just after them. */
    public record Batch(List<AuditRecord> records, long nextOffset) {
    }

    /** Every record of every journal file in {@code dir}, in file then line order (for verify and query without PostgreSQL). */
    public static void readAll(Path dir, Consumer<AuditRecord> sink) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).sorted().toList()) {
                scan(f, 0, sink, new long[]{0});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Re-walks every chain in {@code dir}. */
    public static Verification verify(Path dir) {
        ChainVerifier v = new ChainVerifier();
        readAll(dir, v::accept);
        return v.result();
    }

    /** A page of the journals in {@code dir}, newest first. */
    public static AuditPage query(Path dir, AuditQuery q) {
        List<AuditRecord> all = new ArrayList<>();
        readAll(dir, r -> {
            if (q.matches(r)) {
                all.add(r);
            }
        });
        all.sort((a, b) -> {
            int c = b.event().at().compareTo(a.event().at());
            if (c != 0) {
                return c;
            }
            c = b.writerId().compareTo(a.writerId());
            return c != 0 ? c : Long.compare(b.seq(), a.seq());
        });
        List<AuditRecord> page = all.subList(0, Math.min(q.limit(), all.size()));
        return new AuditPage(page, all.size() > q.limit() && !page.isEmpty() ? AuditQuery.Cursor.of(page.get(page.size() - 1)) : null);
    }

    /** Scans complete lines from {@code offset}; returns the end of the last complete, well-formed line. */
    private static long scan(Path f, long offset, Consumer<AuditRecord> sink, long[] good) throws IOException {
        scanLimited(f, offset, Long.MAX_VALUE, Integer.MAX_VALUE, sink, good);
        return good[0];
    }

    private static void scanLimited(Path f, long offset, long limitBytes, int max, Consumer<AuditRecord> sink, long[] good)
            throws IOException {
        good[0] = offset;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long end = Math.min(ch.size(), limitBytes);
            ch.position(offset);
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
            long pos = offset;
            int n = 0;
            while (pos < end && n < max) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), end - pos));
                int read = ch.read(buf);
                if (read <= 0) {
                    break;
                }
                buf.flip();
                while (buf.hasRemaining() && n < max) {
                    byte b = buf.get();
                    pos++;
                    if (b == '\n') {
                        String line = pending.toString(StandardCharsets.UTF_8);
                        pending.reset();
                        AuditRecord r;
                        try {
                            r = JournalLine.parse(line);
                        } catch (RuntimeException e) {
                            // A malformed complete line can only come from outside the engine; stop there so
                            // that verification reports the gap after it.
                            return;
                        }
                        sink.accept(r);
                        n++;
                        good[0] = pos;
                    } else {
                        pending.write(b);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
