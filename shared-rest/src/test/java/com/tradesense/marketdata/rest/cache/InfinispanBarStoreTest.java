package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.CacheTtlPolicy;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.cache.MemoryBarStore;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Infinispan layer against a real Hot Rod server in its own JVM, started and killed by the test, between
 * a local layer and the real PostgreSQL (as configured: local, Redis, Infinispan, PostgreSQL).
 */
class InfinispanBarStoreTest {
    private static HotRodServerProcess server;
    private static InfinispanBarStore store;
    private static Vertx vertx;
    private static Pool pool;
    private static PgBarStore pg;
    private static final String SCHEMA = "mde_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HotRodServerProcess.available(), "test-support/hotrod-server not built (build with the reactor: -pl shared-rest -am)");
        server = new HotRodServerProcess(TestStores.freePort());
        server.start();
        store = new InfinispanBarStore(InfinispanBarStore.client(server.hosts(), Duration.ofMillis(500)), HotRodServerProcess.CACHE,
                Duration.ofMillis(500));
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(TestStores.pgUrl()))
                .using(vertx).build();
        pg = new PgBarStore(pool, SCHEMA, Duration.ofSeconds(5));
        pg.migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.query("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            pool.close();
            vertx.close();
        }
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void putGetRoundTripsAndTtlExpires() throws Exception {
        long now = System.currentTimeMillis();
        BarChunk jan = TestStores.month("PUTGET", YearMonth.of(2025, 1), now, true);
        BarChunk feb = TestStores.month("PUTGET", YearMonth.of(2025, 2), now, false);
        BarChunk other = TestStores.month("PUTGET.X", YearMonth.of(2025, 1), now, true);
        store.putAll(List.of(jan, feb, other), Map.of(jan.key(), Duration.ZERO, feb.key(), Duration.ofMillis(700)));
        Map<ChunkKey, BarChunk> got = store.getAll(List.of(jan.key(), feb.key(), other.key(),
                new ChunkKey("PUTGET", Interval.D1, YearMonth.of(2025, 3))));
        assertThat(got).containsOnlyKeys(jan.key(), feb.key(), other.key());
        assertThat(got.get(jan.key())).isEqualTo(jan);
        assertThat(got.get(feb.key())).isEqualTo(feb);
        assertThat(store.entries()).isGreaterThanOrEqualTo(3);

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.getAll(List.of(feb.key())).containsKey(feb.key()) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(store.getAll(List.of(feb.key(), jan.key()))).as("feb expired by its lifespan, jan kept").containsOnlyKeys(jan.key());

        assertThat(store.invalidate("PUTGET", null)).isEqualTo(1);
        assertThat(store.getAll(List.of(jan.key(), other.key()))).as("only that symbol dropped").containsOnlyKeys(other.key());
    }

    @Test
    void postgresHitRefillsInfinispanAndInfinispanRefillsLocal() {
        MemoryBarStore local = new MemoryBarStore(Clock.systemUTC(), 100);
        LayeredBarCache cache = new LayeredBarCache(List.of(local, store, pg), CacheTtlPolicy.seed(), Clock.systemUTC(),
                Duration.ofMillis(500));
        BarChunk mar = TestStores.month("REFILL", YearMonth.of(2024, 3), System.currentTimeMillis(), true);
        pg.putAll(List.of(mar), Map.of(mar.key(), Duration.ZERO));

        assertThat(cache.getAll(List.of(mar.key())).get(mar.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
        assertThat(store.getAll(List.of(mar.key())).get(mar.key())).as("refilled from below").isEqualTo(mar);
        local.invalidate("REFILL", null);
        LayeredBarCache.Found f = cache.getAll(List.of(mar.key())).get(mar.key());
        assertThat(f.layer()).isEqualTo(CacheLayer.INFINISPAN);
        assertThat(f.chunk()).isEqualTo(mar);
        assertThat(cache.getAll(List.of(mar.key())).get(mar.key()).layer()).isEqualTo(CacheLayer.LOCAL);
    }

    @Test
    void killedServerDegradesTheLayerRequestsStillAnsweredAndRestartRecovers() throws Exception {
        LayeredBarCache cache = new LayeredBarCache(List.of(store, pg), CacheTtlPolicy.seed(), Clock.systemUTC(),
                Duration.ofMillis(500));
        BarChunk apr = TestStores.month("DOWN", YearMonth.of(2024, 4), System.currentTimeMillis(), true);
        cache.putAll(List.of(apr));
        assertThat(cache.getAll(List.of(apr.key())).get(apr.key()).layer()).isEqualTo(CacheLayer.INFINISPAN);

        server.kill();
        try {
            Map<ChunkKey, LayeredBarCache.Found> got = cache.getAll(List.of(apr.key()));
            assertThat(got.get(apr.key()).chunk()).isEqualTo(apr);
            assertThat(got.get(apr.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
            assertThat(cache.counters().get("infinispan").degraded()).isTrue();
            assertThat(new CacheReadiness(cache).call().getData().orElseThrow())
                    .containsEntry("infinispan", "degraded").containsEntry("postgres", "up").containsEntry("degraded", true);
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(cache.getAll(List.of(apr.key())).get(apr.key()).chunk()).isEqualTo(apr);
            }
            assertThat((System.nanoTime() - t0) / 20 / 1_000_000).as("a degraded layer is skipped, not waited for").isLessThan(100);
        } finally {
            server.start();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (cache.health().get("infinispan").degraded() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(cache.counters().get("infinispan").degraded()).isFalse();
        assertThat(new CacheReadiness(cache).call().getData().orElseThrow()).containsEntry("infinispan", "up").containsEntry("degraded", false);
        // the restarted server is empty: the lower layer answers once and refills it
        assertThat(cache.getAll(List.of(apr.key())).get(apr.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
        assertThat(cache.getAll(List.of(apr.key())).get(apr.key()).layer()).isEqualTo(CacheLayer.INFINISPAN);
    }
}
