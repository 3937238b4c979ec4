package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.CacheTtlPolicy;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.cache.MemoryBarStore;
import com.tradesense.marketdata.domain.CacheLayer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two "pods" (own Vert.x, own in-process layer) sharing a test-started redis-server. */
class PubSubInvalidationTest {

    record Pod(Vertx vertx, Redis redis, Redis sub, MemoryBarStore local, LayeredBarCache cache, RedisInvalidationBus bus,
               List<String> told) {
        static Pod start(String url) {
            Vertx vertx = Vertx.vertx();
            Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
            Redis sub = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
            MemoryBarStore local = new MemoryBarStore(Clock.systemUTC(), 1000);
            LayeredBarCache cache = new LayeredBarCache(List.of(local, new RedisBarStore(redis, Duration.ofMillis(500))),
                    CacheTtlPolicy.seed(), Clock.systemUTC(), Duration.ofMillis(200));
            List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            cache.onInvalidate((s, i) -> told.add(s));
            return new Pod(vertx, redis, sub, local, cache, new RedisInvalidationBus(vertx, redis, sub, cache, Duration.ofMillis(200)).start(), told);
        }

        void close() {
            bus.close();
            sub.close();
            redis.close();
            vertx.close();
        }
    }

    @Test
    void anInvalidationInOnePodEmptiesTheOthersLocalLayerAlsoAfterRedisRestarted() throws Exception {
        assumeTrue(RedisServerProcess.available(), "redis-server not installed");
        try (RedisServerProcess server = new RedisServerProcess(TestStores.freePort())) {
            server.start();
            Pod a = Pod.start(server.url());
            Pod b = Pod.start(server.url());
            try {
                await(() -> a.bus().subscribed() && b.bus().subscribed());
                BarChunk jan = TestStores.month("AAPL", YearMonth.of(2025, 1), System.currentTimeMillis(), true);
                BarChunk other = TestStores.month("MSFT", YearMonth.of(2025, 1), System.currentTimeMillis(), true);
                a.cache().putAll(List.of(jan, other));
                assertThat(b.cache().getAll(List.of(jan.key())).get(jan.key()).layer()).isEqualTo(CacheLayer.REDIS);
                assertThat(b.local().entries()).isEqualTo(1); // refilled from redis

                a.cache().invalidate("AAPL", null);
                await(() -> b.local().entries() == 0);
                assertThat(b.told()).containsExactly("AAPL");
                assertThat(b.cache().getAll(List.of(jan.key()))).isEmpty();
                assertThat(a.told()).containsExactly("AAPL"); // its own message is not applied twice

                server.kill();
                await(() -> !b.bus().subscribed());
                server.start();
                await(() -> a.bus().subscribed() && b.bus().subscribed());
                b.local().putAll(List.of(other), Map.of());
                a.cache().invalidate("MSFT", null);
                await(() -> b.local().entries() == 0);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    static void await(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
