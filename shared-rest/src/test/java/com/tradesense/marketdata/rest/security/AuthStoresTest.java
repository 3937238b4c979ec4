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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The same contract for the in-memory store and the PostgreSQL one (real server, a schema of its own). */
class AuthStoresTest {
    private static final String SCHEMA = "mde_auth_test_" + Long.toHexString(System.nanoTime() & 0xFFFFFFFL);
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(PgConnectOptions.fromUri(pgUrl())).using(vertx).build();
    }

    @AfterAll
    static void stop() throws Exception {
        pool.query("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        pool.close();
        vertx.close();
    }

    static String pgUrl() {
        String host = env("MDE_TEST_PG_HOST", "127.0.0.1");
        return "postgresql://" + env("MDE_TEST_PG_USER", "postgres") + "@" + host + ":" + env("MDE_TEST_PG_PORT", "5432") + "/" + env("MDE_TEST_PG_DB", "test");
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    @Test
    void memory() {
        contract(new MemoryAuthStore());
    }

    @Test
    void postgres() {
        PgAuthStore store = new PgAuthStore(pool, SCHEMA, Duration.ofSeconds(10));
        assertThat(store.migrate()).isEqualTo(1);
        assertThat(store.migrate()).isEqualTo(1);
        contract(store);
    }

    private static void contract(AuthStore store) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String secret = Secrets.newSecret("mde_");
        AuthStore.ApiKey key = new AuthStore.ApiKey(Secrets.newId("key_"), Secrets.hash(secret), "desk-9", "pro", Set.of("realtime-cse"), now, null);
        assertThat(store.addKey(key)).isTrue();
        assertThat(store.addKey(key)).isFalse();
        assertThat(store.keyByHash(Secrets.hash(secret))).contains(key);
        assertThat(store.keyById(key.id())).contains(key);
        assertThat(store.keys()).contains(key);
        assertThat(store.keyByHash(Secrets.hash(secret + "x"))).isEmpty();

        String family = Secrets.newId("fam_");
        AuthStore.RefreshToken r1 = new AuthStore.RefreshToken(Secrets.hash("r1" + family), family, key.id(), now.plusSeconds(600), false, false);
        AuthStore.RefreshToken r2 = new AuthStore.RefreshToken(Secrets.hash("r2" + family), family, key.id(), now.plusSeconds(600), false, false);
        store.addRefresh(r1);
        store.addRefresh(r2);
        assertThat(store.useRefresh(r1.hash())).isTrue();
        assertThat(store.useRefresh(r1.hash())).isFalse();
        assertThat(store.refresh(r1.hash())).map(AuthStore.RefreshToken::used).contains(true);
        store.revokeFamily(family);
        assertThat(store.refresh(r2.hash())).map(AuthStore.RefreshToken::revoked).contains(true);
        assertThat(store.useRefresh(r2.hash())).isFalse();

        String family2 = Secrets.newId("fam_");
        AuthStore.RefreshToken r3 = new AuthStore.RefreshToken(Secrets.hash("r3" + family2), family2, key.id(), now.plusSeconds(600), false, false);
        store.addRefresh(r3);
        assertThat(store.revokeKey(key.id(), now.plusSeconds(1))).isTrue();
        assertThat(store.revokeKey(key.id(), now.plusSeconds(2))).isFalse();
        assertThat(store.keyById(key.id()).orElseThrow().active()).isFalse();
        assertThat(store.refresh(r3.hash())).map(AuthStore.RefreshToken::revoked).contains(true);
        List<String> stored = store.keys().stream().map(AuthStore.ApiKey::hash).toList();
        assertThat(stored).doesNotContain(secret);
    }
}
