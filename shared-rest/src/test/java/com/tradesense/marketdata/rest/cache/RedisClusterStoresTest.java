package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.CacheTtlPolicy;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.cache.MemoryBarStore;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.rest.ratelimit.RedisRateLimiter;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis adapters on a real three-master Redis Cluster with a password (scripts/test-env-secure.sh), as
 * ElastiCache in cluster mode serves them: a symbol's chunks, its index and a rate-limit key's windows each sit
 * in one slot; writes and reads spanning several symbols (several slots) still work; invalidation finds every
 * chunk though SCAN would see one node only; pub/sub reaches a subscriber connected to another node.
 */
class RedisClusterStoresTest {
    static Vertx vertx;
    static Redis redis;

    static RedisOptions clusterOptions() {
        String url = System.getenv("MDE_TEST_REDIS_CLUSTER_URL");
        String password = System.getenv("MDE_TEST_REDIS_CLUSTER_PASSWORD");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MDE_TEST_REDIS_CLUSTER_URL is not set: run the tests through scripts/test-all"
                    + " (scripts/test-env-secure.sh starts the cluster)");
        }
        return new RedisOptions().setType(RedisClientType.CLUSTER).setConnectionString(url).setPassword(password)
                .setMaxPoolSize(8).setMaxPoolWaiting(1024);
    }

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, clusterOptions());
    }

    @AfterAll
    static void close() {
        redis.close();
        vertx.close();
    }

    static String sym() {
        return "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT) + ".TEST";
    }

    @Test
    void chunksOfManySymbolsRoundTripAndInvalidationFindsEveryOne() {
        RedisBarStore store = new RedisBarStore(redis, Duration.ofSeconds(5), true);
        List<BarChunk> chunks = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // twelve symbols: spread over the three masters' slots
            String s = sym();
            symbols.add(s);
            for (int m = 1; m <= 3; m++) {
                chunks.add(TestStores.month(s, YearMonth.of(2025, m), 1000, true));
            }
        }
        store.putAll(chunks, Map.of());
        List<ChunkKey> keys = chunks.stream().map(BarChunk::key).toList();
        assertThat(store.getAll(keys)).hasSize(chunks.size());

        String victim = symbols.get(5);
        assertThat(store.invalidate(victim, Interval.D1)).isEqualTo(3);
        Map<ChunkKey, BarChunk> after = store.getAll(keys);
        assertThat(after).hasSize(chunks.size() - 3);
        assertThat(after.keySet()).noneMatch(k -> k.symbol().equals(victim));
        assertThat(store.invalidate(victim, null)).isZero();
        assertThat(store.entries()).as("SCAN sees one node of a cluster: unknown, not wrong").isEqualTo(-1);
        for (String s : symbols) {
            store.invalidate(s, null);
        }
        assertThat(store.getAll(keys)).isEmpty();
    }

    @Test
    void aMultiWindowQuotaCountsInOneSlotAndTwoClientsShareIt() throws Exception {
        Vertx other = Vertx.vertx();
        Redis second = Redis.createClient(other, clusterOptions());
        try {
            Quota quota = Quota.parse("5/1s,8/1m");
            String name = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
            RedisRateLimiter a = new RedisRateLimiter(redis, name, quota, Duration.ofSeconds(5));
            RedisRateLimiter b = new RedisRateLimiter(second, name, quota, Duration.ofSeconds(5));
            int allowed = 0;
            for (int i = 0; i < 10; i++) {
                RateDecision d = (i % 2 == 0 ? a : b).tryAcquire("client-1", 1, System.nanoTime());
                allowed += d.allowed() ? 1 : 0;
            }
            assertThat(allowed).as("5 per second across both processes").isEqualTo(5);
        } finally {
            second.close();
            other.close();
        }
    }

    @Test
    void anInvalidationReachesAProcessSubscribedThroughAnotherNode() throws Exception {
        Vertx v2 = Vertx.vertx();
        Redis redis2 = Redis.createClient(v2, clusterOptions());
        RedisInvalidationBus busA = null;
        RedisInvalidationBus busB = null;
        try {
            MemoryBarStore localA = new MemoryBarStore(Clock.systemUTC(), 100);
            MemoryBarStore localB = new MemoryBarStore(Clock.systemUTC(), 100);
            LayeredBarCache a = new LayeredBarCache(List.of(localA), CacheTtlPolicy.seed(), Clock.systemUTC(), Duration.ofMillis(200));
            LayeredBarCache b = new LayeredBarCache(List.of(localB), CacheTtlPolicy.seed(), Clock.systemUTC(), Duration.ofMillis(200));
            List<String> told = new CopyOnWriteArrayList<>();
            b.onInvalidate((s, i) -> told.add(s));
            busA = new RedisInvalidationBus(vertx, redis, redis, a, Duration.ofMillis(200)).start();
            busB = new RedisInvalidationBus(v2, redis2, redis2, b, Duration.ofMillis(200)).start();
            RedisInvalidationBus ra = busA;
            RedisInvalidationBus rb = busB;
            await(() -> ra.subscribed() && rb.subscribed());
            String s = sym();
            localB.putAll(List.of(TestStores.month(s, YearMonth.of(2025, 1), 1000, true)), Map.of());
            a.invalidate(s, null);
            await(() -> localB.entries() == 0);
            assertThat(told).containsExactly(s);
        } finally {
            if (busA != null) {
                busA.close();
            }
            if (busB != null) {
                busB.close();
            }
            redis2.close();
            v2.close();
        }
    }

    static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
