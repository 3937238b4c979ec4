package com.tradesense.marketdata.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * What retention leaves behind when it deletes a segment: the sequence number, time and hash of the
 * segment's last entry, appended to {@code audit-<writer>.anchors} (and forced to disk) <em>before</em> the
 * segment is deleted. The oldest kept entry's previous hash must equal one of them, so that verification
 * can accept a chain that starts after sequence 1 and still catch a kept segment that was removed or
 * edited. One short line per deleted segment (a few hundred a year at daily rotation); read only by verify.
 *
 * <p>The anchors are exactly as trustworthy as the directory they sit in: someone who can delete segments
 * and rewrite this file can hide the deletion. With PostgreSQL configured the database (append-only) is
 * the trail and retention only deletes what it holds.
 */
final class RetentionAnchors {
    private RetentionAnchors() {
    }

    /** Records {@code last} (a deleted segment's last entry) as an anchor of its writer's chain. */
    static void append(Path dir, AuditRecord last, String segmentName) throws IOException {
        String line = last.seq() + "\t" + AuditRecord.epochMicros(last.event().at()) + "\t" + last.hash() + "\t" + segmentName + "\n";
        try (FileChannel ch = FileChannel.open(JournalSegment.anchorsPath(dir, last.writerId()), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
    }

    /** The anchors of {@code writerId}: hash of the entry by sequence number. Lines that do not parse (a torn last one) are ignored. */
    static Map<Long, String> read(Path dir, String writerId) {
        Map<Long, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(JournalSegment.anchorsPath(dir, writerId), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length >= 3 && f[2].length() == 64) {
                    try {
                        out.put(Long.parseLong(f[0]), f[2]);
                    } catch (NumberFormatException e) {
                        // not an anchor line: ignored, verify then reports the chain as unanchored
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
