package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditJournal;
import com.tradesense.marketdata.audit.AuditRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Ships the journal to PostgreSQL on its own thread, off the hot path: reads the lines written since the
 * position it reached, stores them as one multi-row insert per batch, advances. Where it starts is derived,
 * not stored: PostgreSQL's last sequence number for this writer, then the segment holding the next entry
 * (from the segment names) and the entry's offset in it (bisection), so a start never reads the shipped
 * history. Entries a killed predecessor acknowledged but never shipped are stored on the next start, each
 * exactly once. With the database down it waits {@code retryInterval} and tries again; the journal keeps
 * everything meanwhile, and retention deletes nothing PostgreSQL does not hold ({@link #shippedSeq}).
 * After any failure the start is derived again from PostgreSQL: a database that comes back with less than it
 * acknowledged (a crash with {@code synchronous_commit=off}, a failover to a replica that lagged) gets the
 * missing entries again from the journal, instead of the shipper carrying on from where it believed it was.
 */
final class AuditShipper implements Runnable {
    private static final Logger LOG = Logger.getLogger(AuditShipper.class);

    private final AuditJournal journal;
    private final PgAuditStore store;
    private final int batchSize;
    private final Duration interval;
    private final Duration retry;
    private final Thread thread;
    private volatile boolean running = true;
    /** Where the next batch is read; null until PostgreSQL has said where this writer's entries end. */
    private AuditJournal.Position position;
    private volatile long shippedSeq = -1;
    final AtomicLong shipped = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    private volatile String lastError;

    AuditShipper(AuditJournal journal, PgAuditStore store, int batchSize, Duration interval, Duration retry) {
        this.journal = journal;
        this.store = store;
        this.batchSize = Math.max(1, batchSize);
        this.interval = interval;
        this.retry = retry;
        this.thread = new Thread(this, "mde-audit-shipper");
        this.thread.setDaemon(true);
    }

    AuditShipper start() {
        thread.start();
        return this;
    }

    /** Called after an append: ships without waiting for the next poll. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** Highest sequence number known to be in PostgreSQL (-1 before the first contact). */
    long shippedSeq() {
        return shippedSeq;
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (position == null) {
                    resume(store.lastSeq(journal.writerId()));
                }
                boolean more = shipOnce();
                lastError = null;
                if (!more) {
                    LockSupport.parkNanos(interval.toNanos());
                }
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                if (lastError == null) {
                    LOG.warnf("audit: PostgreSQL unreachable (%s); the journal keeps every entry and shipping resumes when it answers",
                            e.getMessage());
                }
                lastError = String.valueOf(e.getMessage());
                // where PostgreSQL's copy ends is asked again once it answers (see the class comment)
                position = null;
                LockSupport.parkNanos(retry.toNanos());
            }
        }
    }

    private void resume(long inPostgres) {
        AuditJournal.Position p = journal.positionAfter(inPostgres);
        long oldestKept = journal.segments().get(0).firstSeq();
        if (inPostgres + 1 < oldestKept) {
            // Entries deleted from the journal before PostgreSQL was configured for it: they exist nowhere now.
            LOG.warnf("audit: PostgreSQL holds writer %s up to entry %d but its journal starts at %d; shipping from %d",
                    journal.writerId(), inPostgres, oldestKept, oldestKept);
        }
        shippedSeq = inPostgres;
        position = p;
    }

    /** Ships one batch; returns true if the journal may hold more right away. */
    boolean shipOnce() {
        AuditJournal.Batch batch = journal.read(position, batchSize);
        if (batch.unreadable() > 0) {
            LOG.warnf("audit: skipped %d line(s) of writer %s's journal that are not entries (verify reports where)", batch.unreadable(),
                    journal.writerId());
        }
        List<AuditRecord> fresh = batch.records().stream().filter(r -> r.seq() > shippedSeq).toList();
        if (!fresh.isEmpty()) {
            store.insert(fresh);
            shippedSeq = fresh.get(fresh.size() - 1).seq();
            shipped.addAndGet(fresh.size());
        }
        position = batch.next();
        return batch.records().size() == batchSize;
    }

    /** Ships what is left (bounded wait) and stops the thread. */
    void stop(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (shippedSeq >= 0 && shippedSeq < journal.lastSeq() && System.nanoTime() < deadline && lastError == null) {
            wake();
            LockSupport.parkNanos(20_000_000L);
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
