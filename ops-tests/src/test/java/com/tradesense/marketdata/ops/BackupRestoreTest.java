package com.tradesense.marketdata.ops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook's restore, exercised: scripts/backup-restore against the PostgreSQL the tests get
 * (MDE_TEST_PG_* from scripts/test-env.sh), in a scratch database of its own.
 */
class BackupRestoreTest {
    private final String db = "mde_dr_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);

    @TempDir
    Path dir;

    private Map<String, String> pgEnv() {
        String host = System.getenv("MDE_TEST_PG_HOST");
        Assumptions.assumeTrue(host != null && !host.isBlank(),
                "MDE_TEST_PG_HOST is not set: run through scripts/test-all (scripts/test-env.sh)");
        return Map.of("PGHOST", host, "PGPORT", System.getenv().getOrDefault("MDE_TEST_PG_PORT", "5432"),
                "PGUSER", System.getenv().getOrDefault("MDE_TEST_PG_USER", "postgres"),
                "PGADMIN_DB", System.getenv().getOrDefault("MDE_TEST_PG_DB", "test"),
                "PGCONNECT_TIMEOUT", "10");
    }

    private String run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(pgEnv());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s:\n%s", String.join(" ", command), out).isZero();
        return out;
    }

    private String psql(String database, String sql) throws Exception {
        return run("psql", "-w", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql).trim();
    }

    @AfterEach
    void dropScratchDatabase() throws Exception {
        if (System.getenv("MDE_TEST_PG_HOST") != null) {
            psql(pgEnv().get("PGADMIN_DB"), "drop database if exists " + db);
        }
    }

    @Test
    void backupDropRestoreGivesTheSameRows() throws Exception {
        String admin = pgEnv().get("PGADMIN_DB");
        psql(admin, "create database " + db);
        psql(db, """
                create table bars (symbol text not null, t timestamptz not null, o numeric(18,6), c numeric(18,6), v bigint,
                                   primary key (symbol, t));
                insert into bars select case when i % 2 = 0 then 'AAPL' else 'ATW.CSE' end,
                       timestamptz '2026-01-02 14:30:00+00' + (i || ' minutes')::interval, 100 + i * 0.01, 100 + i * 0.02, i * 10
                  from generate_series(1, 5000) i;
                create index bars_t on bars (t);
                """);
        String before = psql(db, "select count(*), sum(v), md5(string_agg(symbol || t::text || c::text, ',' order by symbol, t)) from bars");

        Path dump = dir.resolve(db + ".dump");
        run("scripts/backup-restore", "backup", db, dump.toString());
        assertThat(dump).isRegularFile();
        assertThat(Files.size(dump)).isPositive();
        run("scripts/backup-restore", "verify", dump.toString());

        psql(admin, "drop database " + db);
        assertThat(psql(admin, "select count(*) from pg_database where datname = '" + db + "'")).isEqualTo("0");

        run("scripts/backup-restore", "restore", db, dump.toString());
        String after = psql(db, "select count(*), sum(v), md5(string_agg(symbol || t::text || c::text, ',' order by symbol, t)) from bars");
        assertThat(after).isEqualTo(before).startsWith("5000|");
        assertThat(psql(db, "select count(*) from pg_indexes where tablename = 'bars'")).isEqualTo("2");
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() throws Exception {
        pgEnv();
        List<String> cmd = new ArrayList<>(List.of("scripts/backup-restore", "restore", "x; drop database test", "/nonexistent"));
        Process p = new ProcessBuilder(cmd).directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("not a plain database name");
    }
}
