package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.JournalSegment;
import com.tradesense.marketdata.audit.Verification;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No acknowledged audit entry is lost when the process is killed: a real child JVM running the audit
 * pipeline acknowledges entries while shipping lazily to a real PostgreSQL, gets SIGKILL mid-stream,
 * is restarted on the same journal directory, and then every acknowledged entry is in PostgreSQL exactly
 * once and the chain verifies: with one segment, and with 4 KiB segments so that the kill lands among
 * rotations and the restart resumes in a segment found by name.
 */
class AuditKillTest {
    @TempDir
    Path dir;
    Vertx vertx;
    Pool pool;
    String schema;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        pool = AuditPg.pool(vertx);
        schema = AuditPg.schema();
    }

    @AfterEach
    void tearDown() {
        AuditPg.drop(pool, schema);
        pool.close();
        vertx.close();
    }

    Process start(long shipIntervalMs, int batch, long segmentBytes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                AuditPipelineMain.class.getName(), dir.toString(), schema, Long.toString(shipIntervalMs), Integer.toString(batch),
                Long.toString(segmentBytes));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    @ParameterizedTest(name = "segments of {0} bytes")
    @ValueSource(longs = {64L << 20, 4096})
    void everyAcknowledgedEntryIsInPostgresExactlyOnceAfterAKill(long segmentBytes) throws Exception {
        Process first = start(500, 5, segmentBytes);
        BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).startsWith("ready ");
        Writer in = new OutputStreamWriter(first.getOutputStream(), StandardCharsets.UTF_8);
        Set<String> acked = new HashSet<>();
        int sent = 0;
        // Write ahead of the acknowledgements so that the kill lands with requests in flight.
        for (; sent < 200; sent++) {
            in.write("r" + sent + "\n");
        }
        in.flush();
        boolean shippingSeen = false;
        while (acked.size() < 1500) {
            if (!shippingSeen && acked.size() >= 300) {
                // Let the shipper reach PostgreSQL once, so the restart resumes mid-journal, not from zero.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (count() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                shippingSeen = true;
            }
            if (sent < 3000) {
                in.write("r" + sent++ + "\n");
                in.flush();
            }
            String line = out.readLine();
            assertThat(line).isNotNull();
            if (line.startsWith("ack ")) {
                acked.add(line.split(" ")[1]);
            }
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no last batch
        first.waitFor();
        long before = count();
        assertThat(before).as("the kill must leave acknowledged entries unshipped, or the test proves nothing")
                .isGreaterThan(0).isLessThan(acked.size());

        Process second = start(50, 200, segmentBytes);
        try {
            BufferedReader out2 = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
            String ready = out2.readLine();
            assertThat(ready).startsWith("ready ");
            long lastSeq = Long.parseLong(ready.split(" ")[2]);
            assertThat(lastSeq).isGreaterThanOrEqualTo(acked.size());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count() < lastSeq && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(count()).isEqualTo(lastSeq);
        } finally {
            second.destroyForcibly();
            second.waitFor();
        }
        RowSet<Row> dup = PgAuditStore.await(pool.query("SELECT detail FROM " + schema + ".audit_log GROUP BY detail HAVING count(*) > 1")
                .execute(), Duration.ofSeconds(10));
        assertThat(dup.size()).as("entries stored twice").isZero();
        Set<String> stored = new HashSet<>();
        for (Row r : PgAuditStore.await(pool.query("SELECT detail FROM " + schema + ".audit_log").execute(), Duration.ofSeconds(10))) {
            stored.add(r.getString(0).substring("request ".length()));
        }
        assertThat(stored).containsAll(acked);
        Verification v = new PgAuditStore(pool, schema, Duration.ofSeconds(5)).verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBreak())).isTrue();
        assertThat(v.lastSeqByWriter()).hasSize(1);
        long segments = JournalSegment.list(dir).values().stream().mapToLong(java.util.List::size).sum();
        System.out.printf("audit kill test (%d-byte segments): %d acknowledged before SIGKILL, %d of them in PostgreSQL at the kill, "
                + "%d stored after restart, %d segment(s)%n", segmentBytes, acked.size(), before, stored.size(), segments);
    }

    long count() {
        try {
            return PgAuditStore.await(pool.query("SELECT count(*) FROM " + schema + ".audit_log").execute(), Duration.ofSeconds(10))
                    .iterator().next().getLong(0);
        } catch (RuntimeException e) {
            return 0; // schema not created yet
        }
    }

}
