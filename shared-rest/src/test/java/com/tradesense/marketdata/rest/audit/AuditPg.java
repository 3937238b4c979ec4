package com.tradesense.marketdata.rest.audit;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.UUID;

/** The test PostgreSQL (scripts/test-env.sh) and a schema name of our own per test. */
final class AuditPg {
    private AuditPg() {
    }

    static String url() {
        return "postgresql://" + env("MDE_TEST_PG_USER", "postgres") + "@" + env("MDE_TEST_PG_HOST", "127.0.0.1") + ":"
                + env("MDE_TEST_PG_PORT", "5432") + "/" + env("MDE_TEST_PG_DB", "test");
    }

    static String schema() {
        return "audit_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static Pool pool(Vertx vertx) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(url())).using(vertx).build();
    }

    /** Drops a schema this test created (the audit triggers do not stop DROP SCHEMA). */
    static void drop(Pool pool, String schema) {
        PgAuditStore.await(pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute(), java.time.Duration.ofSeconds(30));
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
