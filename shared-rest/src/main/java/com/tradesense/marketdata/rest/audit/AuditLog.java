package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditJournal;
import com.tradesense.marketdata.audit.AuditRecord;
import com.tradesense.marketdata.audit.JournalSettings;
import com.tradesense.marketdata.audit.RetentionPolicy;
import com.tradesense.marketdata.rest.store.PgPools;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit trail of this process. Observes every {@link AuditEvent} fired in the application and
 * appends it to the journal before the observer returns (one write to the OS: the entry is then
 * acknowledged and survives the process being killed); the {@link AuditShipper} moves it to PostgreSQL in
 * batches on its own thread. Without PostgreSQL configured, the journal directory is the trail. A
 * background thread syncs the journal, rotates an idle segment that reached its age and applies retention.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    /** How often retention looks for segments to delete (and an idle segment is rotated by age); the first look is this long after start. */
    private static final Duration MAINTENANCE_INTERVAL = Duration.ofMinutes(1);

    private final AuditConfig config;
    private AuditJournal journal;
    private Pool pool;
    private PgAuditStore pgStore;
    private AuditShipper shipper;
    private AuditStore store;
    private ScheduledExecutorService maintenance;
    private volatile boolean closed;
    /** Why the journal could not be opened (read-only file system, ...); the trail is then off and says so. */
    private volatile String unavailable;
    private final Map<AuditEvent.Category, Counter> recorded = new EnumMap<>(AuditEvent.Category.class);

    private final PgPools pgPools;

    public AuditLog(AuditConfig config, PgPools pgPools) {
        this.config = config;
        this.pgPools = pgPools;
    }

    void start(@Observes @Priority(10) StartupEvent event, Instance<MeterRegistry> registry) {
        open();
        if (journal != null && registry.isResolvable()) {
            MeterRegistry r = registry.get();
            for (AuditEvent.Category c : AuditEvent.Category.values()) {
                recorded.put(c, Counter.builder("mde.audit.entries").tag("category", c.name().toLowerCase())
                        .description("audit entries appended to this process's journal").register(r));
            }
            // Registered without PostgreSQL too (then 0), so that dashboards and alerts see one shape everywhere.
            Gauge.builder("mde.audit.unshipped", this, a -> a.unshipped()).description("journal entries not yet in PostgreSQL")
                    .register(r);
            FunctionCounter.builder("mde.audit.ship.failures", this, a -> a.shipper == null ? 0 : a.shipper.failures.get())
                    .description("failed PostgreSQL batches (retried)").register(r);
            AuditJournal j = journal;
            Gauge.builder("mde.audit.journal", j, AuditJournal::bytes).baseUnit("bytes")
                    .description("bytes of this process's journal segments on disk").register(r);
            Gauge.builder("mde.audit.segments", j, x -> x.segments().size()).description("this process's journal segments on disk")
                    .register(r);
            FunctionCounter.builder("mde.audit.segments.deleted", j, AuditJournal::segmentsDeleted)
                    .description("journal segments deleted by retention").register(r);
        }
    }

    synchronized void open() {
        if (!config.enabled() || journal != null || closed || unavailable != null) {
            return;
        }
        Path dir = Path.of(config.dir()).toAbsolutePath();
        try {
            journal = AuditJournal.open(dir, config.writerId().map(String::trim).filter(s -> !s.isEmpty()).orElse(null),
                    new JournalSettings(config.segmentMaxBytes().asLongValue(), config.segmentMaxAge(), Clock.systemUTC()));
        } catch (RuntimeException e) {
            // Not fatal to the engine (a read-only root file system would otherwise stop every pod), but loud:
            // nothing is recorded until MDE_AUDIT_DIR points at a writable volume.
            unavailable = e.getMessage();
            LOG.errorf("audit: trail OFF, journal directory %s cannot be written (%s); set MDE_AUDIT_DIR to a writable volume",
                    dir, e.getMessage());
            return;
        }
        pool = pgPools.audit().orElse(null);
        if (pool != null) {
            Duration timeout = Duration.ofSeconds(5);
            pgStore = new PgAuditStore(pool, config.pgSchema(), timeout);
            shipper = new AuditShipper(journal, pgStore, config.batchSize(), config.shipInterval(), config.retryInterval()).start();
            store = pgStore;
        } else {
            store = new JournalAuditStore(dir);
        }
        maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mde-audit-journal");
            t.setDaemon(true);
            return t;
        });
        if (!config.fsyncInterval().isZero()) {
            long every = Math.max(10, config.fsyncInterval().toMillis());
            maintenance.scheduleWithFixedDelay(() -> {
                try {
                    journal.sync();
                } catch (RuntimeException e) {
                    LOG.debugf("audit: fsync failed: %s", e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        RetentionPolicy retention = new RetentionPolicy(config.retention(), config.retentionMaxBytes().asLongValue());
        long every = MAINTENANCE_INTERVAL.toMillis();
        maintenance.scheduleWithFixedDelay(() -> maintain(retention), every, every, TimeUnit.MILLISECONDS);
        LOG.infof("audit: journal %s (writer %s, last entry %d, %d segment(s), %d bytes; %d bytes read to open), trail in %s",
                journal.file(), journal.writerId(), journal.lastSeq(), journal.segments().size(), journal.bytes(), journal.bytesReadAtOpen(),
                pgStore != null ? "PostgreSQL schema " + config.pgSchema() : "the journal directory (set MDE_AUDIT_PG_URL for PostgreSQL)");
    }

    /**
     * Rotates an idle segment that reached its age, then deletes what retention lets go: with PostgreSQL only
     * segments it holds in full (nothing before the shipper has heard from it), without it by the policy alone.
     */
    void maintain(RetentionPolicy retention) {
        try {
            journal.rotateIfDue();
            long shipped = shipper == null ? Long.MAX_VALUE : shipper.shippedSeq();
            if (shipped >= 0) {
                journal.applyRetention(retention, shipped);
            }
        } catch (RuntimeException e) {
            LOG.warnf("audit: journal maintenance failed (%s); tried again in %s", e.getMessage(), MAINTENANCE_INTERVAL);
        }
    }

    /** The hot path: one append to the journal, then back to the caller. */
    void on(@Observes AuditEvent event) {
        record(event);
    }

    /** Appends the event; returns its chain link, or null with the trail switched off. */
    public AuditRecord record(AuditEvent event) {
        if (journal == null) {
            open();
            if (journal == null) {
                return null;
            }
        }
        AuditJournal j = journal;
        if (closed) {
            LOG.warnf("audit: entry after shutdown not recorded: %s %s %s", event.category(), event.action(), event.outcome());
            return null;
        }
        AuditRecord r = j.append(event);
        Counter c = recorded.get(event.category());
        if (c != null) {
            c.increment();
        }
        if (shipper != null) {
            shipper.wake();
        }
        return r;
    }

    /** Where the admin endpoints read: PostgreSQL when configured, else the journal directory; null with the trail off. */
    public AuditStore store() {
        open();
        return store;
    }

    public String writerId() {
        return journal == null ? null : journal.writerId();
    }

    /** Entries appended but not yet in PostgreSQL (0 without PostgreSQL). */
    public long unshipped() {
        if (shipper == null || journal == null) {
            return 0;
        }
        long s = shipper.shippedSeq();
        return s < 0 ? journal.lastSeq() : Math.max(0, journal.lastSeq() - s);
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        closed = true;
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(5));
        }
        if (maintenance != null) {
            // shutdown, not shutdownNow: an interrupt inside FileChannel.force would close the journal's channel
            maintenance.shutdown();
            try {
                maintenance.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (journal != null) {
            journal.sync();
            journal.close();
        }
    }
}
