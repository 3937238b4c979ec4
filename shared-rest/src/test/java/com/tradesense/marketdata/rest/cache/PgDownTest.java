package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.CacheTtlPolicy;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.domain.CacheLayer;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
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
 * A private PostgreSQL cluster, started, stopped (immediate) and started again by the test, behind the
 * test Redis: with PostgreSQL gone, look-ups and writes go on through Redis without waiting, readiness
 * stays UP and names postgres degraded, and when the server is back the layer answers again by itself
 * (through the probe {@link CacheBeans} runs every retry interval, {@link LayeredBarCache#health}).
 */
class PgDownTest {

    @Test
    void withPostgresStoppedRedisAnswersPostgresIsDegradedAndComesBackWhenRestarted() throws Exception {
        assumeTrue(PgServerProcess.available(), "PostgreSQL server binaries not installed");
        Vertx vertx = Vertx.vertx();
        String symbol = "PGDOWN" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestStores.redisUrl()));
        RedisBarStore redisStore = new RedisBarStore(redis, Duration.ofMillis(500));
        try (PgServerProcess pg = new PgServerProcess(TestStores.freePort())) {
            pg.start();
            Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                    .connectingTo(PgConnectOptions.fromUri(pg.url()).setConnectTimeout(300)).using(vertx).build();
            PgBarStore pgStore = new PgBarStore(pool, "mde", Duration.ofMillis(500));
            pgStore.migrate();
            LayeredBarCache cache = new LayeredBarCache(List.of(redisStore, pgStore), CacheTtlPolicy.seed(), Clock.systemUTC(),
                    Duration.ofMillis(300));
            CacheReadiness readiness = new CacheReadiness(cache);
            BarChunk jan = TestStores.month(symbol, YearMonth.of(2025, 1), System.currentTimeMillis(), true);
            BarChunk feb = TestStores.month(symbol, YearMonth.of(2025, 2), System.currentTimeMillis(), true);
            BarChunk mar = TestStores.month(symbol, YearMonth.of(2025, 3), System.currentTimeMillis(), true);
            cache.putAll(List.of(jan));
            assertThat(pgStore.getAll(List.of(jan.key()))).containsKey(jan.key());

            pg.stop();
            ChunkKey absent = new ChunkKey(symbol, jan.key().interval(), YearMonth.of(2020, 1));
            assertThat(cache.getAll(List.of(jan.key(), absent)).get(jan.key()).layer()).isEqualTo(CacheLayer.REDIS);
            assertThat(cache.counters().get("postgres").degraded()).isTrue();
            HealthCheckResponse down = readiness.call();
            assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            Map<String, Object> data = down.getData().orElseThrow();
            assertThat(data).containsEntry("postgres", "degraded").containsEntry("redis", "up").containsEntry("degraded", true);
            assertThat(String.valueOf(data.get("postgresLastError"))).isNotBlank();

            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) { // misses that would go down to PostgreSQL: skipped, not waited for
                assertThat(cache.getAll(List.of(jan.key(), absent))).containsOnlyKeys(jan.key());
            }
            assertThat((System.nanoTime() - t0) / 20 / 1_000_000).as("ms per look-up with PostgreSQL down").isLessThan(100);
            cache.putAll(List.of(feb)); // what the provider answered meanwhile still lands in Redis
            assertThat(cache.getAll(List.of(feb.key())).get(feb.key()).layer()).isEqualTo(CacheLayer.REDIS);

            pg.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (cache.health().get("postgres").degraded() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(cache.counters().get("postgres").degraded()).isFalse();
            assertThat(readiness.call().getData().orElseThrow()).containsEntry("postgres", "up").containsEntry("degraded", false);
            cache.putAll(List.of(mar));
            assertThat(pgStore.getAll(List.of(jan.key(), mar.key()))).containsOnlyKeys(jan.key(), mar.key()); // kept across the crash
            pool.close();
        } finally {
            redisStore.invalidate(symbol, null);
            redis.close();
            vertx.close();
        }
    }
}
