package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditJournal;
import com.tradesense.marketdata.audit.AuditRecord;
import com.tradesense.marketdata.audit.JournalSettings;
import com.tradesense.marketdata.audit.RetentionPolicy;
import com.tradesense.marketdata.audit.Verification;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipper over segments, against a real PostgreSQL: a restart resumes where PostgreSQL's rows end
 * without reading the shipped history, and retention running beside it never deletes an entry before it
 * is in PostgreSQL.
 */
class AuditShipperTest {
    @TempDir
    Path dir;
    Vertx vertx;
    Pool pool;
    String schema;
    PgAuditStore store;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        pool = AuditPg.pool(vertx);
        schema = AuditPg.schema();
        store = new PgAuditStore(pool, schema, Duration.ofSeconds(10));
    }

    @AfterEach
    void tearDown() {
        AuditPg.drop(pool, schema);
        pool.close();
        vertx.close();
    }

    static AuditEvent event(int i) {
        return new AuditEvent(Instant.now(), AuditEvent.Category.DATA_ACCESS, "client-" + (i % 7), "data.ohlcv", "AAPL", "ohlcv", "allowed",
                "request " + i);
    }

    static JournalSettings segmentsOf(long bytes) {
        return new JournalSettings(bytes, Duration.ZERO, Clock.systemUTC());
    }

    long rows() {
        return PgAuditStore.await(pool.query("SELECT count(*) FROM " + schema + ".audit_log").execute(), Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(20_000_000L);
        }
    }

    @Test
    void aRestartShipsTheUnshippedTailWithoutReadingTheShippedHistory() {
        int total = 40_000;
        int inPostgres = 39_900;
        List<AuditRecord> batch = new ArrayList<>();
        try (AuditJournal j = AuditJournal.open(dir, "w1", segmentsOf(1 << 20))) {
            for (int i = 1; i <= total; i++) {
                AuditRecord r = j.append(event(i));
                if (r.seq() <= inPostgres) {
                    batch.add(r);
                }
                if (batch.size() == 5_000) {
                    store.insert(batch);
                    batch.clear();
                }
            }
            store.insert(batch);
            assertThat(j.segments()).as("~9 MB in 1 MiB segments").hasSizeGreaterThan(6);
        }
        assertThat(rows()).isEqualTo(inPostgres);
        long journalBytes;
        try (AuditJournal j = AuditJournal.open(dir, "w1", segmentsOf(1 << 20))) {
            journalBytes = j.bytes();
            AuditShipper shipper = new AuditShipper(j, store, 500, Duration.ofMillis(20), Duration.ofMillis(200)).start();
            try {
                await("the last 100 entries shipped", () -> shipper.shippedSeq() == total);
            } finally {
                shipper.stop(Duration.ofSeconds(1));
            }
            System.out.printf("audit shipper restart: %d bytes read at open, %d bytes read to ship the last %d entries, journal %d bytes%n",
                    j.bytesReadAtOpen(), j.bytesRead(), total - inPostgres, journalBytes);
            assertThat(j.bytesReadAtOpen() + j.bytesRead()).as("the tail, out of %d bytes", journalBytes).isLessThan(128 * 1024);
        }
        assertThat(rows()).isEqualTo(total);
        Verification v = store.verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.lastSeqByWriter()).containsEntry("w1", (long) total);
    }

    @Test
    void retentionBesideTheShipperNeverDeletesAnEntryBeforeItIsInPostgres() throws Exception {
        // the harshest policy: every closed segment may go, as soon as PostgreSQL holds it
        RetentionPolicy everything = new RetentionPolicy(Duration.ofNanos(1_000_000), 1);
        int total = 3_000;
        try (AuditJournal j = AuditJournal.open(dir, "w1", segmentsOf(4_096))) {
            AuditShipper shipper = new AuditShipper(j, store, 7, Duration.ofMillis(5), Duration.ofMillis(200)).start();
            try {
                for (int i = 1; i <= total; i++) {
                    j.append(event(i));
                    shipper.wake();
                    if (i % 50 == 0) {
                        j.applyRetention(everything, shipper.shippedSeq());
                    }
                }
                await("everything shipped", () -> shipper.shippedSeq() == total);
            } finally {
                shipper.stop(Duration.ofSeconds(1));
            }
            j.applyRetention(everything, shipper.shippedSeq());
            assertThat(j.segmentsDeleted()).as("retention did run").isGreaterThan(50);
            assertThat(j.segments()).as("only the head segment is left").hasSize(1);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith(".log")).count()).isEqualTo(1);
            }
        }
        assertThat(rows()).isEqualTo(total);
        Verification v = store.verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(total);
    }

    @Test
    void withPostgresUnreachableNothingIsDeleted() {
        Pool dead = io.vertx.pgclient.PgBuilder.pool().connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri("postgresql://127.0.0.1:1/none")
                .setConnectTimeout(200)).using(vertx).build();
        try (AuditJournal j = AuditJournal.open(dir, "w1", segmentsOf(4_096))) {
            AuditShipper shipper = new AuditShipper(j, new PgAuditStore(dead, schema, Duration.ofMillis(500)), 50, Duration.ofMillis(5),
                    Duration.ofMillis(50)).start();
            try {
                for (int i = 1; i <= 500; i++) {
                    j.append(event(i));
                }
                await("a failed attempt", () -> shipper.failures.get() > 0);
                assertThat(shipper.shippedSeq()).isEqualTo(-1);
                assertThat(j.applyRetention(new RetentionPolicy(Duration.ofNanos(1_000_000), 1), shipper.shippedSeq())).isZero();
                assertThat(j.segments()).hasSizeGreaterThan(10);
            } finally {
                shipper.stop(Duration.ofMillis(100));
                dead.close();
            }
        }
    }

    @Test
    void aDatabaseThatComesBackWithLessThanItAcknowledgedGetsTheMissingEntriesAgain() {
        try (AuditJournal j = AuditJournal.open(dir, "w1", segmentsOf(4_096))) {
            AuditShipper shipper = new AuditShipper(j, store, 20, Duration.ofMillis(5), Duration.ofMillis(50)).start();
            try {
                for (int i = 1; i <= 100; i++) {
                    j.append(event(i));
                }
                shipper.wake();
                await("100 shipped", () -> shipper.shippedSeq() == 100);
                // PostgreSQL crashes with synchronous_commit=off (or fails over to a replica that lagged): it had
                // acknowledged entries 61..100 and comes back without them; meanwhile writes fail
                // (the table is append-only by trigger: the loss is the server's, below any trigger)
                exec("ALTER TABLE " + schema + ".audit_log DISABLE TRIGGER USER");
                exec("DELETE FROM " + schema + ".audit_log WHERE seq > 60");
                exec("ALTER TABLE " + schema + ".audit_log ENABLE TRIGGER USER");
                exec("ALTER TABLE " + schema + ".audit_log RENAME TO audit_log_away");
                long failuresBefore = shipper.failures.get();
                for (int i = 101; i <= 110; i++) {
                    j.append(event(i));
                }
                shipper.wake();
                await("a failed insert", () -> shipper.failures.get() > failuresBefore);
                exec("ALTER TABLE " + schema + ".audit_log_away RENAME TO audit_log");
                await("everything in PostgreSQL again", () -> shipper.shippedSeq() == 110 && rows() == 110);
            } finally {
                shipper.stop(Duration.ofSeconds(1));
            }
        }
        Verification v = store.verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(110);
    }

    void exec(String sql) {
        PgAuditStore.await(pool.query(sql).execute(), Duration.ofSeconds(10));
    }
}
