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

/** A real redis-server, started and killed by the test, in front of the real PostgreSQL. */
class RedisDownTest {

    @Test
    void withRedisKilledPostgresAnswersRedisIsDegradedAndComesBackWhenRestarted() throws Exception {
        assumeTrue(RedisServerProcess.available(), "redis-server not installed");
        Vertx vertx = Vertx.vertx();
        String schema = "mde_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(TestStores.pgUrl()))
                .using(vertx).build();
        try (RedisServerProcess server = new RedisServerProcess(TestStores.freePort())) {
            server.start();
            Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.url()));
            RedisBarStore redisStore = new RedisBarStore(redis, Duration.ofMillis(300));
            PgBarStore pgStore = new PgBarStore(pool, schema, Duration.ofSeconds(5));
            LayeredBarCache cache = new LayeredBarCache(List.of(redisStore, pgStore), CacheTtlPolicy.seed(), Clock.systemUTC(),
                    Duration.ofMillis(500));
            BarChunk jan = TestStores.month("AAPL", YearMonth.of(2025, 1), System.currentTimeMillis(), true);
            cache.putAll(List.of(jan));
            assertThat(cache.getAll(List.of(jan.key())).get(jan.key()).layer()).isEqualTo(CacheLayer.REDIS);

            server.kill();
            Map<ChunkKey, LayeredBarCache.Found> got = cache.getAll(List.of(jan.key()));
            assertThat(got.get(jan.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
            assertThat(got.get(jan.key()).chunk()).isEqualTo(jan);
            assertThat(cache.counters().get("redis").degraded()).isTrue();
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(cache.getAll(List.of(jan.key())).get(jan.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
            }
            long perCallMs = (System.nanoTime() - t0) / 20 / 1_000_000;
            assertThat(perCallMs).as("a degraded layer is skipped, not waited for").isLessThan(100);

            server.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (cache.health().get("redis").degraded() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(cache.counters().get("redis").degraded()).isFalse();
            // the restarted Redis is empty: postgres answers once and refills it
            assertThat(cache.getAll(List.of(jan.key())).get(jan.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
            assertThat(cache.getAll(List.of(jan.key())).get(jan.key()).layer()).isEqualTo(CacheLayer.REDIS);
            redis.close();
        } finally {
            pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            pool.close();
            vertx.close();
        }
    }
}
