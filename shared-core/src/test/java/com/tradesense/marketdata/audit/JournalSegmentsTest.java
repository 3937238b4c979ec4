package com.tradesense.marketdata.audit;

import com.tradesense.marketdata.audit.JournalFixture.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.tradesense.marketdata.audit.JournalFixture.T0;
import static com.tradesense.marketdata.audit.JournalFixture.append;
import static com.tradesense.marketdata.audit.JournalFixture.event;
import static com.tradesense.marketdata.audit.JournalFixture.lines;
import static com.tradesense.marketdata.audit.JournalFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Segments: rotation by size and age, one chain across segments and restarts, recovery at open from the tail only. */
class JournalSegmentsTest {
    @TempDir
    Path dir;
    final TestClock clock = new TestClock(T0);

    JournalSettings settings(long maxBytes, Duration maxAge) {
        return new JournalSettings(maxBytes, maxAge, clock);
    }

    @Test
    void rotatesBySizeAndTheChainRunsOnAcrossSegments() throws IOException {
        List<AuditRecord> written;
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(2_000, Duration.ZERO))) {
            written = append(j, clock, 100, Duration.ofSeconds(1));
            assertThat(readAll(j)).isEqualTo(written);
            assertThat(j.segments()).hasSizeGreaterThan(5);
            assertThat(j.bytes()).isEqualTo(j.segments().stream().mapToLong(s -> s.path().toFile().length()).sum());
        }
        List<JournalSegment> segs = JournalSegment.list(dir, "w1");
        String prevHash = AuditRecord.GENESIS;
        long expectedFirst = 1;
        for (JournalSegment s : segs) {
            List<String> ls = lines(s.path());
            assertThat(Files.size(s.path())).as(s.path().getFileName().toString()).isLessThanOrEqualTo(2_000);
            AuditRecord first = JournalLine.parse(ls.get(0));
            assertThat(s.firstSeq()).as("the name says the first entry").isEqualTo(first.seq()).isEqualTo(expectedFirst);
            assertThat(first.prevHash()).as("the first entry links to the last of the segment before").isEqualTo(prevHash);
            AuditRecord last = JournalLine.parse(ls.get(ls.size() - 1));
            prevHash = last.hash();
            expectedFirst = last.seq() + 1;
        }
        assertThat(expectedFirst).isEqualTo(101);
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(100);
        assertThat(v.anchored()).isEmpty();
    }

    @Test
    void rotatesOnceTheFirstEntryIsOlderThanTheMaxAgeAlsoWhenIdle() {
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(1 << 20, Duration.ofHours(1)))) {
            append(j, clock, 3, Duration.ofMinutes(25)); // 10:00, 10:25, 10:50
            assertThat(j.segments()).hasSize(1);
            j.append(event(clock.instant(), "bob", 3)); // 11:15: the segment started at 10:00
            assertThat(j.segments()).extracting(JournalSegment::firstSeq).containsExactly(1L, 4L);
            clock.advance(Duration.ofMinutes(30));
            j.rotateIfDue();
            assertThat(j.segments()).as("30 min old: not yet").hasSize(2);
            clock.advance(Duration.ofMinutes(31));
            j.rotateIfDue();
            assertThat(j.segments()).extracting(JournalSegment::firstSeq).containsExactly(1L, 4L, 5L);
        }
        // a restart finds the empty segment rotation left: it is next in the chain, so it is written on
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(1 << 20, Duration.ofHours(1)))) {
            assertThat(j.lastSeq()).isEqualTo(4);
            assertThat(j.file()).isEqualTo(JournalSegment.path(dir, "w1", 5));
            assertThat(j.append(event(clock.instant(), "bob", 5)).seq()).isEqualTo(5);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void aRestartTakesOverTheChainFromTheNewestSegment() {
        try (AuditJournal j = AuditJournal.open(dir, null, settings(3_000, Duration.ZERO))) {
            assertThat(j.writerId()).startsWith("w-");
            append(j, clock, 60, Duration.ofSeconds(1));
        }
        try (AuditJournal j = AuditJournal.open(dir, null, settings(3_000, Duration.ZERO))) {
            assertThat(j.lastSeq()).isEqualTo(60);
            assertThat(j.bytesReadAtOpen()).as("the tail of the newest segment, not the history").isLessThan(8 * 1024);
            append(j, clock, 40, Duration.ofSeconds(1));
            assertThat(readAll(j)).extracting(AuditRecord::seq).containsExactlyElementsOf(seqs(1, 100));
        }
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.lastSeqByWriter()).hasSize(1).containsValue(100L);
    }

    @Test
    void aTornLineInTheNewestSegmentIsCutOnReopen() throws IOException {
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(2_000, Duration.ZERO))) {
            append(j, clock, 30, Duration.ofSeconds(1));
        }
        Path newest = JournalSegment.path(dir, "w1", JournalSegment.list(dir, "w1").get(JournalSegment.list(dir, "w1").size() - 1).firstSeq());
        long size = Files.size(newest);
        Files.write(newest, "w1\t31\t17648".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(2_000, Duration.ZERO))) {
            assertThat(j.lastSeq()).isEqualTo(30);
            assertThat(Files.size(newest)).isEqualTo(size);
            assertThat(j.append(event(clock.instant(), "bob", 31)).seq()).isEqualTo(31);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void aKillBetweenCreatingASegmentAndWritingItLosesNothing() throws IOException {
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(2_000, Duration.ZERO))) {
            append(j, clock, 20, Duration.ofSeconds(1));
        }
        // the rotation to entry 21 created its file, then the process died (with a torn first line, or none)
        Path next = JournalSegment.path(dir, "w1", 21);
        Files.write(next, "w1\t21\t1764".getBytes(StandardCharsets.UTF_8));
        // and an empty file out of order (a rotation a tampered or copied directory left): removed, it holds nothing
        Path stray = JournalSegment.path(dir, "w1", 40);
        Files.createFile(stray);
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(2_000, Duration.ZERO))) {
            assertThat(j.lastSeq()).isEqualTo(20);
            assertThat(j.file()).isEqualTo(next);
            assertThat(Files.size(next)).isZero();
            assertThat(stray).doesNotExist();
            assertThat(j.append(event(clock.instant(), "bob", 21)).seq()).isEqualTo(21);
            assertThat(JournalLine.parse(lines(next).get(0)).seq()).isEqualTo(21);
        }
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(21);
    }

    @Test
    void anEmptyNewestSegmentWithAWrongNameIsRemovedAndTheHeadSegmentWrittenOn() throws IOException {
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(2_000, Duration.ZERO))) {
            append(j, clock, 20, Duration.ofSeconds(1));
        }
        List<JournalSegment> before = JournalSegment.list(dir, "w1");
        Path wrong = JournalSegment.path(dir, "w1", 25);
        Files.createFile(wrong);
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(2_000, Duration.ZERO))) {
            assertThat(wrong).doesNotExist();
            assertThat(j.segments()).isEqualTo(before);
            assertThat(j.append(event(clock.instant(), "bob", 21)).seq()).isEqualTo(21);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void openingReadsTheSameFewBytesForAThousandOrAHundredThousandEntries() throws IOException {
        Path small = dir.resolve("small");
        Path large = dir.resolve("large");
        try (AuditJournal j = AuditJournal.open(small, "w1", settings(64L << 20, Duration.ZERO))) {
            append(j, clock, 1_000, Duration.ofMillis(1));
        }
        try (AuditJournal j = AuditJournal.open(large, "w1", settings(64L << 20, Duration.ZERO))) {
            append(j, clock, 100_000, Duration.ofMillis(1));
        }
        long largeBytes = Files.size(JournalSegment.path(large, "w1", 1));
        assertThat(largeBytes).as("one segment of ~20 MB").isGreaterThan(10_000_000);
        long readSmall;
        long readLarge;
        try (AuditJournal j = AuditJournal.open(small, "w1", settings(64L << 20, Duration.ZERO))) {
            readSmall = j.bytesReadAtOpen();
        }
        try (AuditJournal j = AuditJournal.open(large, "w1", settings(64L << 20, Duration.ZERO))) {
            readLarge = j.bytesReadAtOpen();
            assertThat(j.lastSeq()).isEqualTo(100_000);
            // what a shipper does when PostgreSQL holds all but the last ten: find entry 99,991 and read to the end
            AuditJournal.Batch tail = j.read(j.positionAfter(99_990), 500);
            assertThat(tail.records()).extracting(AuditRecord::seq).containsExactlyElementsOf(seqs(99_991, 100_000));
            assertThat(j.bytesRead()).as("bisection plus the tail, out of %d bytes", largeBytes).isLessThan(128 * 1024);
        }
        assertThat(readLarge).as("O(tail): the last line and the first, nothing in between").isLessThan(16 * 1024)
                .isLessThanOrEqualTo(readSmall + 1024);
    }

    @Test
    void positionAfterFindsEveryEntryInSegmentsOfUnevenLines() {
        Random random = new Random(7);
        List<AuditRecord> written = new ArrayList<>();
        try (AuditJournal j = AuditJournal.open(dir, "w1", settings(200_000, Duration.ZERO))) {
            for (int i = 0; i < 3_000; i++) {
                written.add(j.append(new AuditEvent(clock.instant(), AuditEvent.Category.ADMIN, "ops", "admin.x", null, null, "allowed",
                        "x".repeat(random.nextInt(random.nextInt(10) == 0 ? 1000 : 60)))));
                clock.advance(Duration.ofMillis(3));
            }
            assertThat(j.segments()).hasSizeGreaterThan(3);
            for (long s = 0; s <= 3_000; s += 1 + random.nextInt(40)) {
                List<AuditRecord> got = j.read(j.positionAfter(s), 2).records();
                if (s == 3_000) {
                    assertThat(got).isEmpty();
                } else {
                    assertThat(got.get(0)).as("after %d", s).isEqualTo(written.get((int) s));
                }
            }
            for (JournalSegment seg : j.segments()) { // each segment's first and last entry: the bisection's edges
                assertThat(j.read(j.positionAfter(seg.firstSeq() - 1), 1).records().get(0).seq()).isEqualTo(seg.firstSeq());
                assertThat(j.read(j.positionAfter(seg.firstSeq()), 1).records().get(0).seq()).isEqualTo(seg.firstSeq() + 1);
            }
            assertThat(j.read(j.positionAfter(2_999), 5).records()).extracting(AuditRecord::seq).containsExactly(3_000L);
        }
    }

    @Test
    void theEarlierSingleFileIsTakenOverAsTheFirstSegmentWithoutReadingIt() throws IOException {
        // a journal as the engine wrote it before segments: one file, the chain from seq 1
        Path legacy = JournalSegment.legacyPath(dir, "w-0ld");
        List<AuditRecord> old = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String prev = AuditRecord.GENESIS;
        for (int i = 1; i <= 5_000; i++) {
            AuditRecord r = AuditRecord.link("w-0ld", i, event(T0.plusSeconds(i), "alice", i), prev);
            old.add(r);
            text.append(JournalLine.format(r));
            prev = r.hash();
        }
        Files.writeString(legacy, text, StandardCharsets.UTF_8);
        long legacyBytes = Files.size(legacy);

        // while an engine of the earlier version holds it (its lock is on the file itself), it is not touched
        try (FileChannel ch = FileChannel.open(legacy, StandardOpenOption.WRITE); FileLock held = ch.lock();
             AuditJournal j = AuditJournal.open(dir, null, settings(64L << 20, Duration.ZERO))) {
            assertThat(held.isValid()).isTrue();
            assertThat(j.writerId()).isNotEqualTo("w-0ld");
            assertThat(legacy).exists();
            j.append(event(clock.instant(), "bob", 0));
        }
        String other = JournalSegment.list(dir).keySet().stream().filter(w -> !w.equals("w-0ld")).findFirst().orElseThrow();
        Verification both = new JournalDirectory(dir).verify();
        assertThat(both.intact()).isTrue();
        assertThat(both.lastSeqByWriter()).containsEntry("w-0ld", 5_000L).containsEntry(other, 1L);

        try (AuditJournal j = AuditJournal.open(dir, "w-0ld", settings(64L << 20, Duration.ZERO))) {
            assertThat(legacy).doesNotExist();
            assertThat(j.file()).isEqualTo(JournalSegment.path(dir, "w-0ld", 1));
            assertThat(Files.size(j.file())).isEqualTo(legacyBytes);
            assertThat(j.lastSeq()).isEqualTo(5_000);
            assertThat(j.bytesReadAtOpen()).as("first and last lines of %d bytes", legacyBytes).isLessThan(16 * 1024);
            assertThat(j.append(event(clock.instant(), "carol", 5_001)).seq()).isEqualTo(5_001);
        }
        // the migrated file is bigger than the bound: the next entry starts the next segment
        try (AuditJournal j = AuditJournal.open(dir, "w-0ld", settings(100_000, Duration.ZERO))) {
            j.append(event(clock.instant(), "carol", 5_002));
            assertThat(j.segments()).extracting(JournalSegment::firstSeq).containsExactly(1L, 5_002L);
            assertThat(readAll(j).subList(0, 5_000)).isEqualTo(old);
        }
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.lastSeqByWriter()).containsEntry("w-0ld", 5_002L);
    }

    @Test
    void aLegacyNameAndASegmentNameNeverDenoteTheSameWriter() {
        // '@' is outside the writer alphabet: a writer id that looks like a segment suffix is still its own writer
        JournalSegment legacy = JournalSegment.parse(Path.of("audit-w.0000000000000000001.log"));
        JournalSegment segment = JournalSegment.parse(Path.of("audit-w@0000000000000000001.log"));
        assertThat(legacy.legacy()).isTrue();
        assertThat(legacy.writerId()).isEqualTo("w.0000000000000000001");
        assertThat(segment.legacy()).isFalse();
        assertThat(segment.writerId()).isEqualTo("w");
        assertThat(segment.firstSeq()).isEqualTo(1);
        assertThat(JournalSegment.parse(Path.of("audit-w.lock"))).isNull();
        assertThat(JournalSegment.parse(Path.of("audit-w.anchors"))).isNull();
    }

    static List<Long> seqs(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(s);
        }
        return out;
    }
}
