package com.tradesense.marketdata.rest.security;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation across processes: two "processes" (each its own pool, store and cache) share one PostgreSQL schema.
 * The revoking one refuses the key at once, the other once its cached answer is older than the TTL.
 */
class ActiveKeysTest {
    private static final String SCHEMA = "mde_auth_keys_" + Long.toHexString(System.nanoTime() & 0xFFFFFFFL);
    private static final Duration TTL = Duration.ofMillis(800);
    private static Vertx vertx;
    private static Pool poolA;
    private static Pool poolB;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        poolA = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(AuthStoresTest.pgUrl())).using(vertx).build();
        poolB = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(AuthStoresTest.pgUrl())).using(vertx).build();
    }

    @AfterAll
    static void stop() throws Exception {
        poolA.query("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        poolA.close();
        poolB.close();
        vertx.close();
    }

    private static boolean active(ActiveKeys keys, String id) throws Exception {
        return keys.active(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void revocationInOneProcessReachesTheOtherWithinTheTtl() throws Exception {
        PgAuthStore storeA = new PgAuthStore(poolA, SCHEMA, Duration.ofSeconds(10));
        PgAuthStore storeB = new PgAuthStore(poolB, SCHEMA, Duration.ofSeconds(10));
        storeA.migrate();
        String id = "key_" + Long.toHexString(System.nanoTime());
        storeA.addKey(new AuthStore.ApiKey(id, Secrets.hash(id), "desk", "pro", Set.of(), Instant.now(), null));
        storeA.addRefresh(new AuthStore.RefreshToken("h-" + id, "fam-" + id, id, Instant.now().plusSeconds(600), false, false));
        ActiveKeys a = new ActiveKeys(storeA, vertx, TTL);
        ActiveKeys b = new ActiveKeys(storeB, vertx, TTL);
        assertThat(active(a, id)).isTrue();
        assertThat(active(b, id)).isTrue();
        assertThat(b.cached(id)).isTrue();

        // process A revokes (what TokenService.revokeKey does): A refuses at once
        assertThat(storeA.revokeKey(id, Instant.now())).isTrue();
        a.revoked(id);
        assertThat(a.cached(id)).isFalse();
        assertThat(active(a, id)).isFalse();
        // B still holds its answer for at most the TTL, then asks the shared store
        long revokedAt = System.nanoTime();
        while (Boolean.TRUE.equals(b.cached(id))) {
            Thread.sleep(20);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(TTL.plusMillis(100)); // + polling step
        assertThat(active(b, id)).isFalse();
        assertThat(b.cached(id)).isFalse();
        // the key's refresh tokens went with it
        assertThat(storeB.refresh("h-" + id).orElseThrow().revoked()).isTrue();
        // unknown keys and tokens without a key id are not active
        assertThat(active(b, "key_unknown")).isFalse();
        assertThat(b.cached(null)).isFalse();
    }
}
