package com.tradesense.marketdata.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** What the journal tests share: a clock they move, entries stamped with it, and reading a journal back whole. */
final class JournalFixture {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private JournalFixture() {
    }

    /** A clock tests move. */
    static final class TestClock extends Clock {
        volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static AuditEvent event(Instant at, String actor, int i) {
        return new AuditEvent(at, AuditEvent.Category.DATA_ACCESS, actor, "data.ohlcv", "AAPL", "ohlcv", "allowed", "request " + i);
    }

    /** Appends {@code n} entries stamped with the clock, moving it {@code step} after each. */
    static List<AuditRecord> append(AuditJournal j, TestClock clock, int n, Duration step) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(j.append(event(clock.instant(), "alice", i)));
            clock.advance(step);
        }
        return out;
    }

    /** Every entry of the journal, from the oldest kept one, through its own reader. */
    static List<AuditRecord> readAll(AuditJournal j) {
        List<AuditRecord> out = new ArrayList<>();
        AuditJournal.Position p = j.positionAfter(0);
        while (true) {
            AuditJournal.Batch b = j.read(p, 1000);
            out.addAll(b.records());
            if (b.records().isEmpty()) {
                return out;
            }
            p = b.next();
        }
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
