package com.tradesense.marketdata.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Complete lines of one journal segment, read forwards (shipping, verify, query) or backwards from the end
 * (the chain head at open), with a count of the bytes read so that start-up cost can be measured, not
 * guessed. A line is complete when its {@code '\n'} is there; what follows the last one is a torn line.
 * Reads are positional ({@code pread}): the channel's own position, which the writer appends at, is not
 * moved.
 */
final class SegmentLines {
    /** Forward reads: large enough that a segment streams at disk speed. */
    private static final int FORWARD_CHUNK_BYTES = 64 * 1024;
    /**
     * First read when looking for one line (backwards from the end, or forwards from a point): a journal
     * line is typically ~220 bytes, so this usually holds it; each further read doubles, up to
     * {@link #FORWARD_CHUNK_BYTES}, since a line may reach ~10 KiB (fields are bounded by
     * {@link AuditRecord#normalise}).
     */
    private static final int FIRST_LOOK_BYTES = 512;
    /** Below this many bytes between its bounds, {@link #seek} stops halving and reads on. */
    private static final long SEEK_LINEAR_BYTES = 16 * 1024;

    /** A complete line: its text without the {@code '\n'}, where it starts and the offset just after its {@code '\n'}. */
    record Line(long start, long end, String text) {
        /** The entry on this line, or null if it is not a well-formed journal line. */
        AuditRecord record() {
            try {
                return JournalLine.parse(text);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** Receives the lines of a forward scan; returns false to stop after this line. */
    interface Visitor {
        boolean line(Line line);
    }

    private final FileChannel channel;
    private long bytesRead;
    /** One buffer for every read of this reader (it is used by one thread, one read at a time), grown on demand. */
    private ByteBuffer buffer = ByteBuffer.allocate(FIRST_LOOK_BYTES);

    SegmentLines(FileChannel channel) {
        this.channel = channel;
    }

    /** Bytes read from the file so far by this reader. */
    long bytesRead() {
        return bytesRead;
    }

    /** The shared buffer, cleared, with room for {@code bytes} and its limit there. */
    private ByteBuffer buffer(int bytes) {
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(Math.max(bytes, Math.min(buffer.capacity() * 2, FORWARD_CHUNK_BYTES)));
        }
        buffer.clear().limit(bytes);
        return buffer;
    }

    private int readAt(ByteBuffer buf, long position) throws IOException {
        int n = channel.read(buf, position);
        if (n > 0) {
            bytesRead += n;
        }
        return n;
    }

    /** Offset just after the last {@code '\n'} before {@code end}: the end of the complete lines (0 if there is none). */
    long endOfCompleteLines(long end) throws IOException {
        return lastNewlineBefore(end) + 1;
    }

    /** Position of the last {@code '\n'} in {@code [0, end)}, or -1. */
    private long lastNewlineBefore(long end) throws IOException {
        int chunk = FIRST_LOOK_BYTES;
        long pos = end;
        while (pos > 0) {
            int len = (int) Math.min(chunk, pos);
            chunk = Math.min(chunk * 2, FORWARD_CHUNK_BYTES);
            long from = pos - len;
            ByteBuffer buf = buffer(len);
            int got = 0;
            while (got < len) {
                int n = readAt(buf, from + got);
                if (n <= 0) {
                    break;
                }
                got += n;
            }
            for (int i = got - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i;
                }
            }
            pos = from;
        }
        return -1;
    }

    /** The complete line that ends at {@code end} (an offset just after a {@code '\n'}, greater than 0). */
    Line lineEndingAt(long end) throws IOException {
        long start = lastNewlineBefore(end - 1) + 1;
        return new Line(start, end, text(start, end - 1));
    }

    /** The complete line starting at {@code start} and ending before {@code limit}, or null if its {@code '\n'} is not there. */
    Line lineStartingAt(long start, long limit) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int chunk = FIRST_LOOK_BYTES;
        long pos = start;
        while (pos < limit) {
            ByteBuffer buf = buffer((int) Math.min(chunk, limit - pos));
            chunk = Math.min(chunk * 2, FORWARD_CHUNK_BYTES);
            int n = readAt(buf, pos);
            if (n <= 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    text.write(buf.array(), 0, i);
                    return new Line(start, pos + i + 1, text.toString(StandardCharsets.UTF_8));
                }
            }
            text.write(buf.array(), 0, n);
            pos += n;
        }
        return null;
    }

    /** The first line start at or after {@code from} (0, or just after a {@code '\n'}), or {@code limit} if none is before it. */
    long lineStartAtOrAfter(long from, long limit) throws IOException {
        if (from <= 0) {
            return 0;
        }
        int chunk = FIRST_LOOK_BYTES;
        long pos = from - 1;
        while (pos < limit) {
            ByteBuffer buf = buffer((int) Math.min(chunk, limit - pos));
            chunk = Math.min(chunk * 2, FORWARD_CHUNK_BYTES);
            int n = readAt(buf, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return Math.min(limit, pos + i + 1);
                }
            }
            pos += n;
        }
        return limit;
    }

    private String text(long from, long to) throws IOException {
        ByteBuffer buf = buffer((int) (to - from));
        while (buf.hasRemaining()) {
            if (readAt(buf, from + buf.position()) <= 0) {
                break;
            }
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /**
     * Visits the complete lines in {@code [from, limit)} in order, at most {@code max} of them and none after
     * the visitor says stop; {@code from} must be a line start. Returns the offset just after the last line
     * visited.
     */
    long scan(long from, long limit, int max, Visitor visitor) throws IOException {
        ByteArrayOutputStream carry = new ByteArrayOutputStream();
        long pos = from;
        long lineStart = from;
        long done = from;
        int visited = 0;
        boolean stop = false;
        while (pos < limit && visited < max && !stop) {
            ByteBuffer buf = buffer((int) Math.min(FORWARD_CHUNK_BYTES, limit - pos));
            int n = readAt(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            int segStart = 0;
            for (int i = 0; i < n && visited < max && !stop; i++) {
                if (a[i] != '\n') {
                    continue;
                }
                String text;
                if (carry.size() > 0) {
                    carry.write(a, segStart, i - segStart);
                    text = carry.toString(StandardCharsets.UTF_8);
                    carry.reset();
                } else {
                    text = new String(a, segStart, i - segStart, StandardCharsets.UTF_8);
                }
                long end = pos + i + 1;
                stop = !visitor.line(new Line(lineStart, end, text));
                visited++;
                done = end;
                lineStart = end;
                segStart = i + 1;
            }
            if (visited >= max || stop) {
                break;
            }
            carry.write(a, segStart, n - segStart);
            pos += n;
        }
        return done;
    }

    /**
     * Offset of the first line whose sequence number is at least {@code target} in {@code [0, limit)} (or
     * {@code limit} if there is none), by bisection over byte offsets: a segment's lines have strictly
     * increasing sequence numbers, so this reads a few lines per halving instead of the whole segment.
     */
    long seek(long limit, long target) throws IOException {
        long lo = 0; // a line start; every line before it has seq < target
        long hi = limit; // a line start or the limit; the answer is at or before it
        while (hi - lo > SEEK_LINEAR_BYTES) {
            long mid = lo + (hi - lo) / 2;
            long p = lineStartAtOrAfter(mid, hi);
            if (p >= hi) {
                break; // one long line spans the middle: finish linearly
            }
            Line line = lineStartingAt(p, hi);
            long seq = line == null ? -1 : JournalLine.seqOf(line.text());
            if (seq < 0) {
                break; // not a well-formed line (not written by the engine): finish linearly
            }
            if (seq < target) {
                lo = line.end();
            } else {
                hi = p;
            }
        }
        long[] found = {-1};
        // Linear over what is left, stopping at the first match (a small range unless a malformed line forced it).
        scan(lo, hi, Integer.MAX_VALUE, l -> {
            if (JournalLine.seqOf(l.text()) >= target) {
                found[0] = l.start();
                return false;
            }
            return true;
        });
        return found[0] >= 0 ? found[0] : hi;
    }
}
