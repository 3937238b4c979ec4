package com.tradesense.marketdata.rest.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The engine's own schema migrations, shared by every PostgreSQL store (bar cache, auth, audit): the scripts
 * {@code /db/<folder>/V<n>__*.sql} (with {@code ${schema}} replaced) that are not yet recorded in
 * {@code <schema>.schema_version} are applied in order, in one transaction under an advisory lock, so that
 * several processes starting together apply each script once. No Flyway: the stores are built from their own
 * URLs at run time, not from a Quarkus datasource.
 */
public final class VersionedSchema {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String folder;
    private final List<String> scripts;

    /** @param folder under {@code /db/} on the class path; @param scripts in version order (V1 first) */
    public VersionedSchema(String folder, List<String> scripts) {
        this.folder = folder;
        this.scripts = List.copyOf(scripts);
    }

    /** The schema name, checked to be a plain lower-case SQL identifier (it is spliced into statements). */
    public static String identifier(String schema, String setting) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(setting + " must be a lower-case SQL identifier, not '" + schema + "'");
        }
        return schema;
    }

    /** Applies the scripts not yet applied to {@code schema}; completes with the schema version now. */
    public Future<Integer> migrate(Pool pool, String schema) {
        return pool.withTransaction(conn -> conn
                .query("SELECT pg_advisory_xact_lock(hashtext('mde-" + folder + "-schema:" + schema + "'))").execute()
                .compose(x -> conn.query("CREATE SCHEMA IF NOT EXISTS " + schema + "; CREATE TABLE IF NOT EXISTS " + schema
                        + ".schema_version (version integer PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
                        .execute())
                .compose(x -> conn.query("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version").execute())
                .compose(rs -> apply(conn, schema, rs.iterator().next().getInteger(0), 0)));
    }

    private Future<Integer> apply(SqlConnection conn, String schema, int current, int i) {
        if (i >= scripts.size()) {
            return Future.succeededFuture(Math.max(current, scripts.size()));
        }
        int v = i + 1;
        if (v <= current) {
            return apply(conn, schema, current, i + 1);
        }
        String sql = script(scripts.get(i)).replace("${schema}", schema);
        return conn.query(sql).execute()
                .compose(x -> conn.preparedQuery("INSERT INTO " + schema + ".schema_version (version, script) VALUES ($1, $2)")
                        .execute(Tuple.of(v, scripts.get(i))))
                .compose(x -> apply(conn, schema, current, i + 1));
    }

    private String script(String name) {
        String path = "/db/" + folder + "/" + name;
        try (InputStream in = VersionedSchema.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path.substring(1));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
