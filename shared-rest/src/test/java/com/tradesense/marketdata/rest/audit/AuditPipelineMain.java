package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditJournal;
import com.tradesense.marketdata.audit.AuditRecord;
import com.tradesense.marketdata.audit.JournalSettings;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The audit pipeline of an engine process, alone in a JVM, for {@link AuditKillTest}: the same journal and
 * shipper classes {@link AuditLog} wires. Reads request ids from stdin, records one DATA_ACCESS entry each
 * and prints {@code ack <id>} once {@code append} has returned (that is the acknowledgement). Arguments:
 * journal dir, PostgreSQL schema, ship interval in ms, batch size, and optionally the segment size in bytes.
 */
public final class AuditPipelineMain {
    private AuditPipelineMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String schema = args[1];
        Duration interval = Duration.ofMillis(Long.parseLong(args[2]));
        int batch = Integer.parseInt(args[3]);
        long segmentBytes = args.length > 4 ? Long.parseLong(args[4]) : JournalSettings.DEFAULT_SEGMENT_MAX_BYTES;
        Vertx vertx = Vertx.vertx();
        Pool pool = AuditPg.pool(vertx);
        PgAuditStore store = new PgAuditStore(pool, schema, Duration.ofSeconds(5));
        AuditJournal journal = AuditJournal.open(dir, null, new JournalSettings(segmentBytes, Duration.ZERO, Clock.systemUTC()));
        AuditShipper shipper = new AuditShipper(journal, store, batch, interval, Duration.ofMillis(200)).start();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println("ready " + journal.writerId() + " " + journal.lastSeq());
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("status")) {
                out.println("shipped " + shipper.shippedSeq() + " of " + journal.lastSeq());
                out.flush();
                continue;
            }
            AuditRecord r = journal.append(new AuditEvent(Instant.now(), AuditEvent.Category.DATA_ACCESS, "client-" + (line.hashCode() & 7),
                    "data.ohlcv", "AAPL", "ohlcv", "allowed", "request " + line));
            out.println("ack " + line + " " + r.seq());
            out.flush();
        }
    }
}
