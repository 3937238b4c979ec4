package com.tradesense.marketdata.audit;

import com.tradesense.marketdata.audit.JournalFixture.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.tradesense.marketdata.audit.JournalFixture.T0;
import static com.tradesense.marketdata.audit.JournalFixture.append;
import static com.tradesense.marketdata.audit.JournalFixture.event;
import static com.tradesense.marketdata.audit.JournalFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: old segments go by age or total size, never an entry above the shipped sequence number,
 * never the segment being written or the chain's head; verify then checks the kept chain from its anchor.
 */
class JournalRetentionTest {
    static final RetentionPolicy THIRTY_MINUTES = new RetentionPolicy(Duration.ofMinutes(30), 0);

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(T0);

    /** 100 entries a minute apart (10:00 to 11:39) in segments of ~2 KB, the clock at 11:40. */
    AuditJournal journalOfAHundred() {
        AuditJournal j = AuditJournal.open(dir, "w1", new JournalSettings(2_000, Duration.ZERO, clock));
        append(j, clock, 100, Duration.ofMinutes(1));
        assertThat(j.segments()).hasSizeGreaterThan(8);
        return j;
    }

    @Test
    void withoutADatabaseOldSegmentsGoAndVerifyStartsAtTheAnchor() {
        try (AuditJournal j = journalOfAHundred()) {
            long bytesBefore = j.bytes();
            int deleted = j.applyRetention(THIRTY_MINUTES, Long.MAX_VALUE);
            assertThat(deleted).isPositive();
            assertThat(j.segmentsDeleted()).isEqualTo(deleted);
            assertThat(j.bytes()).isLessThan(bytesBefore)
                    .isEqualTo(j.segments().stream().mapToLong(s -> s.path().toFile().length()).sum());
            List<AuditRecord> kept = readAll(j);
            AuditRecord oldest = kept.get(0);
            assertThat(oldest.seq()).isEqualTo(j.segments().get(0).firstSeq()).isGreaterThan(1);
            // every deleted entry is older than 30 min; the first kept segment still holds a younger one
            assertThat(oldest.event().at()).isBefore(clock.instant().minus(Duration.ofMinutes(30)).plusSeconds(1));
            assertThat(kept.get(kept.size() - 1).seq()).isEqualTo(100);
            assertThat(j.applyRetention(THIRTY_MINUTES, Long.MAX_VALUE)).as("nothing more is due").isZero();

            Verification v = new JournalDirectory(dir).verify();
            assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
            assertThat(v.entriesChecked()).isEqualTo(100 - oldest.seq() + 1);
            assertThat(v.anchored()).containsExactly(new Verification.Anchor("w1", oldest.seq(), oldest.prevHash()));
            // the chain goes on after retention, and a restart finds its head as before
            assertThat(j.append(event(clock.instant(), "bob", 101)).seq()).isEqualTo(101);
        }
        try (AuditJournal j = AuditJournal.open(dir, "w1", new JournalSettings(2_000, Duration.ZERO, clock))) {
            assertThat(j.lastSeq()).isEqualTo(101);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void neverDeletesAnEntryPostgresDoesNotHoldYet() {
        try (AuditJournal j = journalOfAHundred()) {
            assertThat(j.applyRetention(new RetentionPolicy(Duration.ofMinutes(1), 1), 0)).as("nothing shipped").isZero();
            assertThat(j.applyRetention(new RetentionPolicy(Duration.ofMinutes(1), 1), 25)).isPositive();
            List<AuditRecord> kept = readAll(j);
            assertThat(kept.get(0).seq()).as("entry 26 and on are kept").isLessThanOrEqualTo(26);
            assertThat(kept).extracting(AuditRecord::seq).contains(26L, 100L);
            // the segments that went held only shipped entries: each ended at or before 25
            assertThat(kept.get(0).seq() - 1).isLessThanOrEqualTo(25);
        }
    }

    @Test
    void keepsTheSegmentBeingWrittenAndTheOneHoldingTheHead() {
        try (AuditJournal j = journalOfAHundred()) {
            List<JournalSegment> before = j.segments();
            JournalSegment headSegment = before.get(before.size() - 1);
            clock.advance(Duration.ofDays(400));
            j.rotateIfDue(); // no max age: nothing
            assertThat(j.applyRetention(new RetentionPolicy(Duration.ofMinutes(1), 1), Long.MAX_VALUE)).isEqualTo(before.size() - 1);
            assertThat(j.segments()).containsExactly(headSegment);
        }
        // a rotation leaves the head in the segment before an empty one: both stay
        try (AuditJournal j = AuditJournal.open(dir, "w1", new JournalSettings(2_000, Duration.ofHours(1), clock))) {
            j.rotateIfDue();
            assertThat(j.segments()).hasSize(2);
            assertThat(j.applyRetention(new RetentionPolicy(Duration.ofMinutes(1), 1), Long.MAX_VALUE)).isZero();
            assertThat(j.lastSeq()).isEqualTo(100);
        }
        try (AuditJournal j = AuditJournal.open(dir, "w1", new JournalSettings(2_000, Duration.ZERO, clock))) {
            assertThat(j.lastSeq()).isEqualTo(100);
            assertThat(j.append(event(clock.instant(), "bob", 101)).seq()).isEqualTo(101);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void aByteBoundDeletesTheOldestFirst() {
        try (AuditJournal j = journalOfAHundred()) {
            long bound = j.bytes() / 2;
            assertThat(j.applyRetention(new RetentionPolicy(Duration.ZERO, bound), Long.MAX_VALUE)).isPositive();
            assertThat(j.bytes()).isLessThanOrEqualTo(bound);
            assertThat(j.bytes()).as("no more than needed").isGreaterThan(bound - 2_000);
            assertThat(readAll(j).get(readAll(j).size() - 1).seq()).isEqualTo(100);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void aKeptSegmentRemovedBehindRetentionsBackIsAGap() throws IOException {
        long secondKept;
        try (AuditJournal j = journalOfAHundred()) {
            j.applyRetention(THIRTY_MINUTES, Long.MAX_VALUE);
            Files.delete(j.segments().get(0).path());
            secondKept = j.segments().get(1).firstSeq();
        }
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(secondKept);
        assertThat(v.firstBreak().reason()).contains("no retention anchor");
    }

    @Test
    void anAnchorThatDoesNotMatchTheFirstKeptEntryIsABreak() throws IOException {
        long oldest;
        try (AuditJournal j = journalOfAHundred()) {
            j.applyRetention(THIRTY_MINUTES, Long.MAX_VALUE);
            oldest = j.segments().get(0).firstSeq();
        }
        Path anchors = JournalSegment.anchorsPath(dir, "w1");
        List<String> lines = Files.readAllLines(anchors, StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        String[] f = last.split("\t");
        f[2] = "f".repeat(64);
        lines.set(lines.size() - 1, String.join("\t", f));
        Files.write(anchors, lines, StandardCharsets.UTF_8);
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(oldest);
        assertThat(v.firstBreak().reason()).contains("retention anchor");
    }

    @Test
    void aSegmentStillThereAfterItsAnchorWasRecordedStillVerifies() throws IOException {
        // retention records the anchor, then deletes: a kill in between leaves both
        try (AuditJournal j = journalOfAHundred()) {
            JournalSegment first = j.segments().get(0);
            Path copy = dir.resolve("kept-aside");
            Files.copy(first.path(), copy);
            assertThat(j.applyRetention(new RetentionPolicy(Duration.ZERO, j.bytes() - 1), Long.MAX_VALUE)).isEqualTo(1);
            Files.move(copy, first.path());
        }
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(100);
        assertThat(v.anchored()).isEmpty();
    }
}
