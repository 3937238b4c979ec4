package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.rest.pg.VersionedSchema;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * API keys and refresh tokens in PostgreSQL, schema {@code mde.auth.pg-schema}. Versioned scripts
 * ({@code db/auth/V<n>__*.sql}) are applied at start under an advisory lock and recorded in
 * {@code schema_version}, as the bar cache does. Calls block the caller (the auth endpoints run on worker
 * threads); the HTTP filter never calls the store, it verifies tokens against the key ring in memory.
 */
public final class PgAuthStore implements AuthStore {
    static final List<String> SCRIPTS = List.of("V1__auth.sql");
    private static final VersionedSchema MIGRATIONS = new VersionedSchema("auth", SCRIPTS);
    private static final String KEY_COLUMNS = "id, key_hash, owner, plan, roles, created_at, revoked_at";

    private final Pool pool;
    private final String schema;
    private final Duration timeout;
    private volatile boolean migrated;

    public PgAuthStore(Pool pool, String schema, Duration timeout) {
        this.pool = pool;
        this.schema = VersionedSchema.identifier(schema, "mde.auth.pg-schema");
        this.timeout = timeout;
    }

    /** Applies the scripts not yet applied; returns the schema version now. */
    public synchronized int migrate() {
        Integer version = await(MIGRATIONS.migrate(pool, schema), Duration.ofSeconds(30));
        migrated = true;
        return version;
    }

    private void ready() {
        if (!migrated) {
            migrate();
        }
    }

    @Override
    public boolean addKey(ApiKey k) {
        ready();
        RowSet<Row> rs = await(pool.preparedQuery("INSERT INTO " + schema + ".api_keys (" + KEY_COLUMNS
                        + ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key_hash) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(k.id(), k.hash(), k.owner(), k.plan(), k.roles().stream().sorted().toArray(String[]::new),
                        utc(k.createdAt()), k.revokedAt() == null ? null : utc(k.revokedAt())))));
        return rs.rowCount() == 1;
    }

    @Override
    public Optional<ApiKey> keyByHash(String hash) {
        return oneKey("key_hash", hash);
    }

    @Override
    public Optional<ApiKey> keyById(String id) {
        return oneKey("id", id);
    }

    private Optional<ApiKey> oneKey(String column, String value) {
        ready();
        RowSet<Row> rs = await(pool.preparedQuery("SELECT " + KEY_COLUMNS + " FROM " + schema + ".api_keys WHERE " + column + " = $1")
                .execute(Tuple.of(value)));
        return rs.size() == 0 ? Optional.empty() : Optional.of(key(rs.iterator().next()));
    }

    @Override
    public List<ApiKey> keys() {
        ready();
        List<ApiKey> out = new ArrayList<>();
        for (Row r : await(pool.query("SELECT " + KEY_COLUMNS + " FROM " + schema + ".api_keys ORDER BY created_at, id").execute())) {
            out.add(key(r));
        }
        return out;
    }

    @Override
    public boolean revokeKey(String id, Instant at) {
        ready();
        return await(pool.withTransaction(conn -> conn
                .preparedQuery("UPDATE " + schema + ".api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(id, utc(at)))
                .compose(rs -> rs.rowCount() == 0 ? Future.succeededFuture(false)
                        : conn.preparedQuery("UPDATE " + schema + ".refresh_tokens SET revoked = true WHERE key_id = $1")
                        .execute(Tuple.of(id)).map(x -> true))));
    }

    @Override
    public void addRefresh(RefreshToken t) {
        ready();
        await(pool.preparedQuery("INSERT INTO " + schema + ".refresh_tokens (token_hash, family, key_id, expires_at, used, revoked)"
                + " VALUES ($1, $2, $3, $4, $5, $6)").execute(Tuple.of(t.hash(), t.family(), t.keyId(), utc(t.expiresAt()), t.used(), t.revoked())));
        // expired tokens are of no use to anyone: drop them as new ones come
        await(pool.query("DELETE FROM " + schema + ".refresh_tokens WHERE expires_at < now() - interval '1 hour'").execute());
    }

    @Override
    public Optional<RefreshToken> refresh(String hash) {
        ready();
        RowSet<Row> rs = await(pool.preparedQuery("SELECT token_hash, family, key_id, expires_at, used, revoked FROM " + schema
                + ".refresh_tokens WHERE token_hash = $1").execute(Tuple.of(hash)));
        if (rs.size() == 0) {
            return Optional.empty();
        }
        Row r = rs.iterator().next();
        return Optional.of(new RefreshToken(r.getString(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3).toInstant(),
                r.getBoolean(4), r.getBoolean(5)));
    }

    @Override
    public boolean useRefresh(String hash) {
        ready();
        return await(pool.preparedQuery("UPDATE " + schema + ".refresh_tokens SET used = true WHERE token_hash = $1 AND NOT used AND NOT revoked")
                .execute(Tuple.of(hash))).rowCount() == 1;
    }

    @Override
    public void revokeFamily(String family) {
        ready();
        await(pool.preparedQuery("UPDATE " + schema + ".refresh_tokens SET revoked = true WHERE family = $1").execute(Tuple.of(family)));
    }

    @Override
    public String describe() {
        return "PostgreSQL schema " + schema;
    }

    private static ApiKey key(Row r) {
        OffsetDateTime revoked = r.getOffsetDateTime(6);
        return new ApiKey(r.getString(0), r.getString(1), r.getString(2), r.getString(3), Set.of(r.getArrayOfStrings(4)),
                r.getOffsetDateTime(5).toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private <T> T await(Future<T> f) {
        return await(f, timeout);
    }

    private static <T> T await(Future<T> f, Duration timeout) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not answer within " + timeout, e);
        }
    }
}
