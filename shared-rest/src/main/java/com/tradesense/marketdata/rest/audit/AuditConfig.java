package com.tradesense.marketdata.rest.audit;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code mde.audit.*}: where this process keeps its audit journal, how its segments rotate and how long
 * they are kept, and whether it ships them to PostgreSQL. Without a PostgreSQL URL (standalone default)
 * the journal files in {@link #dir()} are the audit trail.
 */
@ConfigMapping(prefix = "mde.audit")
public interface AuditConfig {
    /** Off only for experiments: with the trail off nothing is recorded. */
    @WithDefault("true")
    boolean enabled();

    /** Directory of the journal files ({@code audit-<writer>@<first seq>.log} segments); give it a persistent volume. */
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

    /** A segment is closed and the next one started once it would grow past this ({@code 64M}, or a number of bytes). */
    @WithDefault("64M")
    MemorySize segmentMaxBytes();

    /** ... or once its first entry is this old, so that retention can let go of whole days; {@code 0s}: by size only. */
    @WithDefault("1d")
    Duration segmentMaxAge();

    /**
     * Closed segments whose newest entry is older than this are deleted ({@code 0s}: kept by age forever).
     * With PostgreSQL only segments it holds in full are deleted; without it the journal is the trail, and
     * what goes is gone (verify then starts at the oldest kept entry, from its recorded anchor).
     */
    @WithDefault("30d")
    Duration retention();

    /** The oldest closed segments are also deleted while this writer's journal is bigger than this (same rule); {@code 0}: no bound. */
    @WithDefault("4G")
    MemorySize retentionMaxBytes();
}
