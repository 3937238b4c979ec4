package com.tradesense.marketdata.audit;

import com.tradesense.marketdata.audit.JournalFixture.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static com.tradesense.marketdata.audit.JournalFixture.T0;
import static com.tradesense.marketdata.audit.JournalFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Pages over a directory of segmented journals: the same entries, in the same order, as a sort of everything would give. */
class JournalDirectoryTest {
    static final Comparator<AuditRecord> NEWEST_FIRST = Comparator
            .comparing((AuditRecord r) -> r.event().at()).reversed()
            .thenComparing(AuditRecord::writerId, Comparator.reverseOrder())
            .thenComparing(AuditRecord::seq, Comparator.reverseOrder());

    @TempDir
    Path dir;
    final List<AuditRecord> everything = new ArrayList<>();

    /** Two writers, 600 entries each over 10 hours, their times slightly out of order (as threads append), small segments. */
    void twoWriters() {
        Random random = new Random(11);
        for (String w : List.of("wa", "wb")) {
            TestClock clock = new TestClock(T0);
            try (AuditJournal j = AuditJournal.open(dir, w, new JournalSettings(8_000, Duration.ZERO, clock))) {
                for (int i = 0; i < 600; i++) {
                    Instant at = clock.instant().minusMillis(random.nextInt(2_000));
                    String actor = random.nextInt(3) == 0 ? "bob" : "alice";
                    everything.add(j.append(new AuditEvent(at, i % 5 == 0 ? AuditEvent.Category.AUTHENTICATION : AuditEvent.Category.DATA_ACCESS,
                            actor, "data.ohlcv", "AAPL", "ohlcv", "allowed", "request " + i)));
                    clock.advance(Duration.ofMinutes(1));
                }
                assertThat(j.segments()).hasSizeGreaterThan(10);
                assertThat(readAll(j)).hasSize(600);
            }
        }
    }

    List<AuditRecord> expected(AuditQuery q) {
        AuditQuery unpaged = new AuditQuery(q.actor(), q.action(), q.category(), q.from(), q.to(), q.limit(), null);
        return everything.stream().filter(unpaged::matches).sorted(NEWEST_FIRST).toList();
    }

    /** Follows the cursor to the last page; returns every entry seen, in order. */
    static List<AuditRecord> allPages(JournalDirectory d, AuditQuery first) {
        List<AuditRecord> out = new ArrayList<>();
        AuditQuery q = first;
        for (int pages = 0; pages < 10_000; pages++) {
            AuditPage p = d.query(q);
            assertThat(p.entries().size()).isLessThanOrEqualTo(first.limit());
            out.addAll(p.entries());
            if (p.next() == null) {
                return out;
            }
            q = new AuditQuery(first.actor(), first.action(), first.category(), first.from(), first.to(), first.limit(),
                    AuditQuery.Cursor.decode(p.next().encode()));
        }
        throw new AssertionError("no last page");
    }

    @Test
    void pagesAcrossWritersAndSegmentsAreTheSortedFilteredEntries() {
        twoWriters();
        JournalDirectory d = new JournalDirectory(dir);
        for (AuditQuery q : List.of(
                new AuditQuery(null, null, null, null, null, 100, null),
                new AuditQuery("bob", null, null, null, null, 37, null),
                new AuditQuery(null, null, AuditEvent.Category.AUTHENTICATION, null, null, 50, null),
                new AuditQuery(null, null, null, T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(4)), 25, null),
                new AuditQuery("alice", null, null, T0.plus(Duration.ofMinutes(590)), null, 1000, null))) {
            assertThat(allPages(d, q)).as("%s", q).isEqualTo(expected(q));
        }
    }

    @Test
    void aTimeRangeReadsOnlyTheSegmentsThatCanHoldIt() throws Exception {
        twoWriters();
        long total = 0;
        for (List<JournalSegment> segs : JournalSegment.list(dir).values()) {
            for (JournalSegment s : segs) {
                total += Files.size(s.path());
            }
        }
        JournalDirectory d = new JournalDirectory(dir);
        AuditQuery newest = new AuditQuery(null, null, null, null, null, 10, null);
        assertThat(d.query(newest).entries()).isEqualTo(expected(newest).subList(0, 10));
        assertThat(d.bytesRead()).as("the first query learns every segment's time bounds").isEqualTo(total);

        long before = d.bytesRead();
        AuditQuery hour = new AuditQuery(null, null, null, T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3)), 1000, null);
        assertThat(d.query(hour).entries()).isEqualTo(expected(hour));
        assertThat(d.bytesRead() - before).as("one hour of ten: a few segments of each writer").isLessThan(total / 4);

        before = d.bytesRead();
        assertThat(d.query(newest).entries()).isEqualTo(expected(newest).subList(0, 10));
        assertThat(d.bytesRead() - before).as("the newest page: the newest segments only").isLessThan(total / 4);
    }
}
