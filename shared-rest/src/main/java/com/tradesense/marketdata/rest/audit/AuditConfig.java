package com.tradesense.marketdata.rest.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code mde.audit.*}: where this process keeps its audit journal and whether it ships it to PostgreSQL.
 * Without a PostgreSQL URL (standalone default) the journal files in {@link #dir()} are the audit trail.
 */
@ConfigMapping(prefix = "mde.audit")
public interface AuditConfig {
    /** Off only for experiments: with the trail off nothing is recorded. */
    @WithDefault("true")
    boolean enabled();

    /** Directory of the journal files ({@code audit-<writer>.log}); give it a persistent volume. */
    @WithDefault("mde-audit")
    String dir();

    /** This process's writer id; unset: take over an unlocked journal in {@link #dir()}, or start a new one. */
    Optional<String> writerId();

    /** {@code postgresql://user:pw@host:5432/db}; unset: {@code mde.cache.pg-url} if that is set, else no database. */
    Optional<String> pgUrl();

    /** Schema of {@code audit_log}, created at start. */
    @WithDefault("mde_audit")
    String pgSchema();

    /** Most entries in one multi-row insert. */
    @WithDefault("500")
    int batchSize();

    /** How often the shipper looks for new journal lines when not woken by an append. */
    @WithDefault("200ms")
    Duration shipInterval();

    /** Group fsync of the journal (bounds what a machine crash can lose); {@code 0s}: leave it to the OS. */
    @WithDefault("1s")
    Duration fsyncInterval();

    /** Wait after a failed database call before the shipper tries again. */
    @WithDefault("5s")
    Duration retryInterval();
}
