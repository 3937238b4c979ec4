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
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis and PostgreSQL layers against the real servers of scripts/test-env.sh (no mocks): round
 * trips, TTL, invalidation, schema migration, bulk upsert, and hit latency per layer.
 */
class StoresTest {
    static Vertx vertx;
    static Redis redis;
    static Pool pool;
    static String schema = "mde_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static RedisBarStore redisStore;
    static PgBarStore pgStore;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestStores.redisUrl()));
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(PgConnectOptions.fromUri(TestStores.pgUrl()))
                .using(vertx).build();
        redisStore = new RedisBarStore(redis, Duration.ofSeconds(5));
        pgStore = new PgBarStore(pool, schema, Duration.ofSeconds(10));
    }

    @AfterAll
    static void close() throws Exception {
        pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        pool.close();
        redis.close();
        vertx.close();
    }

    static String sym() {
        return "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT) + ".TEST";
    }

    @Test
    void redisRoundTripsChunksExpiresOpenOnesAndInvalidatesBySymbol() throws Exception {
        String a = sym();
        String b = sym();
        BarChunk jan = TestStores.month(a, YearMonth.of(2025, 1), 1000, true);
        BarChunk feb = TestStores.month(a, YearMonth.of(2025, 2), 1000, false);
        BarChunk other = TestStores.month(b, YearMonth.of(2025, 1), 1000, true);
        redisStore.putAll(List.of(jan, feb, other), Map.of(jan.key(), Duration.ZERO, feb.key(), Duration.ofMillis(300), other.key(), Duration.ofMinutes(5)));
        Map<ChunkKey, BarChunk> got = redisStore.getAll(List.of(jan.key(), feb.key(), new ChunkKey(a, Interval.D1, YearMonth.of(2025, 3))));
        assertThat(got).containsOnlyKeys(jan.key(), feb.key());
        assertThat(got.get(jan.key())).isEqualTo(jan);
        assertThat(got.get(feb.key())).isEqualTo(feb);
        Thread.sleep(400);
        assertThat(redisStore.getAll(List.of(jan.key(), feb.key()))).containsOnlyKeys(jan.key());
        assertThat(redisStore.invalidate(a, null)).isEqualTo(1);
        assertThat(redisStore.getAll(List.of(jan.key(), other.key()))).containsOnlyKeys(other.key());
        assertThat(redisStore.entries()).isGreaterThanOrEqualTo(1);
        assertThat(redisStore.memoryBytes()).isGreaterThan(100_000); // the server's used_memory
        assertThat(redisStore.evictions()).isGreaterThanOrEqualTo(0);
        redisStore.invalidate(b, Interval.D1);
    }

    @Test
    void postgresAppliesItsSchemaOnceRoundTripsChunksAndInvalidates() {
        assertThat(pgStore.migrate()).isEqualTo(1);
        assertThat(pgStore.migrate()).isEqualTo(1); // idempotent
        String a = sym();
        BarChunk jan = TestStores.month(a, YearMonth.of(2024, 1), 1000, true);
        BarChunk feb = TestStores.month(a, YearMonth.of(2024, 2), 2000, true);
        BarChunk empty = new BarChunk(new ChunkKey(a, Interval.D1, YearMonth.of(2023, 12)), "simulator", 3000, true, List.of());
        BarChunk open = TestStores.month(a, YearMonth.of(2024, 3), 4000, false);
        pgStore.putAll(List.of(jan, feb, empty, open), Map.of(open.key(), Duration.ofMillis(1)));
        pgStore.putAll(List.of(jan), Map.of()); // upsert: same rows again
        Map<ChunkKey, BarChunk> got = pgStore.getAll(List.of(empty.key(), jan.key(), feb.key(), open.key(),
                new ChunkKey(a, Interval.D1, YearMonth.of(2024, 4))));
        assertThat(got).containsOnlyKeys(empty.key(), jan.key(), feb.key()); // the open month's TTL is over
        assertThat(got.get(jan.key())).isEqualTo(jan);
        assertThat(got.get(feb.key())).isEqualTo(feb);
        assertThat(got.get(empty.key())).isEqualTo(empty);
        assertThat(pgStore.entries()).isGreaterThanOrEqualTo(3);
        assertThat(pgStore.memoryBytes()).isGreaterThan(0);
        assertThat(pgStore.invalidate(a, null)).isEqualTo(4);
        assertThat(pgStore.getAll(List.of(jan.key()))).isEmpty();
    }

    @Test
    void layersInFrontOfRedisAndPostgresRefillAndReportLatency() {
        Clock clock = Clock.systemUTC();
        MemoryBarStore local = new MemoryBarStore(clock, 10_000);
        LayeredBarCache cache = new LayeredBarCache(List.of(local, redisStore, pgStore), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5));
        String a = sym();
        List<BarChunk> year = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            year.add(TestStores.month(a, YearMonth.of(2023, m), clock.millis(), true));
        }
        List<ChunkKey> keys = year.stream().map(BarChunk::key).toList();
        pgStore.putAll(year, Map.of());
        // warm-up of the clients and the code path
        for (int i = 0; i < 50; i++) {
            cache.getAll(keys);
            local.invalidate(a, null);
            redisStore.invalidate(a, null);
        }
        long[] pgNs = new long[200];
        long[] redisNs = new long[200];
        long[] localNs = new long[200];
        for (int i = 0; i < 200; i++) {
            local.invalidate(a, null);
            redisStore.invalidate(a, null);
            long t0 = System.nanoTime();
            Map<ChunkKey, LayeredBarCache.Found> f = cache.getAll(keys); // postgres answers, refills redis and local
            pgNs[i] = System.nanoTime() - t0;
            assertThat(f.get(keys.get(0)).layer()).isEqualTo(CacheLayer.POSTGRES);
            local.invalidate(a, null);
            t0 = System.nanoTime();
            f = cache.getAll(keys);
            redisNs[i] = System.nanoTime() - t0;
            assertThat(f.get(keys.get(0)).layer()).isEqualTo(CacheLayer.REDIS);
            t0 = System.nanoTime();
            f = cache.getAll(keys);
            localNs[i] = System.nanoTime() - t0;
            assertThat(f.get(keys.get(0)).layer()).isEqualTo(CacheLayer.LOCAL);
            assertThat(f.get(keys.get(5)).chunk()).isEqualTo(year.get(5));
        }
        System.out.printf(Locale.ROOT, "bar cache hit latency, 12 month chunks of daily bars (a year): local %s, redis %s, postgres %s (incl. refill above)%n",
                pct(localNs), pct(redisNs), pct(pgNs));
        cache.invalidate(a, null);
        assertThat(pgStore.getAll(keys)).isEmpty();
    }

    static String pct(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.2f ms p99 %.2f ms", s[s.length / 2] / 1e6, s[(int) (s.length * 0.99) - 1] / 1e6);
    }
}
