package com.tradesense.marketdata.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditJournalTest {
    @TempDir
    Path dir;

    static AuditEvent event(int i, String actor) {
        return new AuditEvent(Instant.parse("2026-11-26T10:00:00Z").plusNanos(i * 1_234_567L), AuditEvent.Category.DATA_ACCESS,
                actor, "data.ohlcv", "AAPL", "ohlcv", "allowed", null);
    }

    @Test
    void aReopenedJournalContinuesTheSameChainAndVerifies() {
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            for (int i = 0; i < 10; i++) {
                j.append(event(i, "alice"));
            }
        }
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            assertThat(j.lastSeq()).isEqualTo(10);
            AuditRecord r = j.append(event(10, "bob"));
            assertThat(r.seq()).isEqualTo(11);
        }
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(11);
        assertThat(v.lastSeqByWriter()).containsEntry("w1", 11L);
    }

    @Test
    void hostileTextIsStoredOnOneLineAndReadBackExactly() {
        String actor = "evil\tactor\nDROP TABLE x;\r\\N\u202Egnp.exe\u0000\uD800";
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            j.append(new AuditEvent(Instant.now(), AuditEvent.Category.AUTHENTICATION, actor, "auth.token", null, null, "denied",
                    "x".repeat(5000)));
            List<AuditRecord> got = j.read(j.positionAfter(0), 10).records();
            assertThat(got).hasSize(1);
            assertThat(got.get(0).event().actor()).isEqualTo("evil\tactor\nDROP TABLE x;\r\\N\u202Egnp.exe\uFFFD\uFFFD");
            assertThat(got.get(0).event().symbol()).isNull();
            assertThat(got.get(0).event().detail()).hasSize(1000);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void aChangedLineIsReportedAsTheFirstBrokenLink() throws Exception {
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            for (int i = 0; i < 5; i++) {
                j.append(event(i, "alice"));
            }
        }
        Path f = JournalSegment.path(dir, "w1", 1);
        List<String> lines = Files.readAllLines(f);
        lines.set(2, lines.get(2).replace("alice", "mallory"));
        Files.write(f, lines);
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().reason()).contains("changed");
    }

    @Test
    void aRemovedLineIsReportedAsAGap() throws Exception {
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            for (int i = 0; i < 5; i++) {
                j.append(event(i, "alice"));
            }
        }
        Path f = JournalSegment.path(dir, "w1", 1);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.remove(1);
        Files.write(f, lines);
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().reason()).contains("gap");
    }

    @Test
    void aTornLastLineIsDroppedOnReopen() throws Exception {
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            j.append(event(0, "alice"));
            j.append(event(1, "alice"));
        }
        Files.write(JournalSegment.path(dir, "w1", 1), "w1\t3\t17".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            assertThat(j.lastSeq()).isEqualTo(2);
            assertThat(j.append(event(2, "alice")).seq()).isEqualTo(3);
        }
        assertThat(new JournalDirectory(dir).verify().intact()).isTrue();
    }

    @Test
    void aSecondOpenerOfTheSameDirectoryGetsItsOwnChain() {
        try (AuditJournal a = AuditJournal.open(dir, null); AuditJournal b = AuditJournal.open(dir, null)) {
            assertThat(a.writerId()).isNotEqualTo(b.writerId());
            a.append(event(0, "a"));
            b.append(event(1, "b"));
            b.append(event(2, "b"));
        }
        Verification v = new JournalDirectory(dir).verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.lastSeqByWriter()).hasSize(2);
    }

    @Test
    void queryPagesNewestFirstWithACursor() {
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            for (int i = 0; i < 7; i++) {
                j.append(event(i, i % 2 == 0 ? "alice" : "bob"));
            }
        }
        AuditPage p1 = new JournalDirectory(dir).query(new AuditQuery("alice", null, null, null, null, 3, null));
        assertThat(p1.entries()).extracting(AuditRecord::seq).containsExactly(7L, 5L, 3L);
        AuditQuery.Cursor c = AuditQuery.Cursor.decode(p1.next().encode());
        AuditPage p2 = new JournalDirectory(dir).query(new AuditQuery("alice", null, null, null, null, 3, c));
        assertThat(p2.entries()).extracting(AuditRecord::seq).containsExactly(1L);
        assertThat(p2.next()).isNull();
    }
}
