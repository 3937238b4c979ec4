package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LayeredBarCacheTest {
    /** A clock tests move. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A store standing for another layer, which a test can make fail as an unreachable server would. */
    static final class FlakyStore implements BarStore {
        final MemoryBarStore inner;
        final CacheLayer layer;
        volatile boolean down;
        int calls;

        FlakyStore(CacheLayer layer, Clock clock) {
            this.layer = layer;
            this.inner = new MemoryBarStore(clock, 1000);
        }

        @Override
        public CacheLayer layer() {
            return layer;
        }

        private void check() {
            calls++;
            if (down) {
                throw new IllegalStateException("connection refused");
            }
        }

        @Override
        public Map<ChunkKey, BarChunk> getAll(Collection<ChunkKey> keys) {
            check();
            return inner.getAll(keys);
        }

        @Override
        public void putAll(List<BarChunk> chunks, Map<ChunkKey, Duration> ttls) {
            check();
            inner.putAll(chunks, ttls);
        }

        @Override
        public long invalidate(String symbol, Interval interval) {
            check();
            return inner.invalidate(symbol, interval);
        }

        @Override
        public long entries() {
            return inner.entries();
        }

        @Override
        public void ping() {
            check();
        }
    }

    static BarChunk chunk(String symbol, YearMonth m, long asOf, boolean complete) {
        ChunkKey key = new ChunkKey(symbol, Interval.D1, m);
        return new BarChunk(key, "simulator", asOf, complete,
                List.of(new Bar(key.fromMs() + 50_400_000L, 10, 11, 9, 10.5, 100, 3, Double.NaN)));
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-10T12:00:00Z"));

    @Test
    void lowerHitAnswersWithItsLayerAndRefillsTheLayersAbove() {
        FlakyStore upper = new FlakyStore(CacheLayer.LOCAL, clock);
        FlakyStore lower = new FlakyStore(CacheLayer.POSTGRES, clock);
        LayeredBarCache cache = new LayeredBarCache(List.of(upper, lower), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5));
        BarChunk jan = chunk("AAPL", YearMonth.of(2025, 1), clock.millis(), true);
        BarChunk feb = chunk("AAPL", YearMonth.of(2025, 2), clock.millis(), true);
        lower.inner.putAll(List.of(jan, feb), Map.of());
        upper.inner.putAll(List.of(jan), Map.of());

        Map<ChunkKey, LayeredBarCache.Found> got = cache.getAll(List.of(jan.key(), feb.key(), new ChunkKey("AAPL", Interval.D1, YearMonth.of(2025, 3))));
        assertThat(got).hasSize(2);
        assertThat(got.get(jan.key()).layer()).isEqualTo(CacheLayer.LOCAL);
        assertThat(got.get(feb.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
        assertThat(got.get(feb.key()).chunk()).isEqualTo(feb);
        assertThat(upper.inner.entries()).isEqualTo(2); // refilled from postgres

        assertThat(cache.getAll(List.of(feb.key())).get(feb.key()).layer()).isEqualTo(CacheLayer.LOCAL);
        List<LayerStatistics> stats = cache.statistics();
        assertThat(stats.get(0).layer()).isEqualTo("local");
        assertThat(stats.get(0).hits()).isEqualTo(2);
        assertThat(stats.get(0).misses()).isEqualTo(2);
        assertThat(stats.get(1).hits()).isEqualTo(1);
        assertThat(stats.get(1).misses()).isEqualTo(1);
        assertThat(stats.get(1).hitRatio()).isEqualTo(0.5);
    }

    @Test
    void openMonthExpiresAfterItsTtlClosedMonthStays() {
        FlakyStore store = new FlakyStore(CacheLayer.REDIS, clock);
        LayeredBarCache cache = new LayeredBarCache(List.of(store), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5));
        CacheTtlPolicy policy = CacheTtlPolicy.seed();
        ChunkKey june = new ChunkKey("AAPL", Interval.D1, YearMonth.of(2026, 6));
        ChunkKey may = new ChunkKey("AAPL", Interval.D1, YearMonth.of(2026, 5));
        ChunkKey april = new ChunkKey("AAPL", Interval.D1, YearMonth.of(2026, 4));
        assertThat(policy.isClosed(june, clock.instant())).isFalse();
        assertThat(policy.isClosed(may, clock.instant())).isTrue();
        assertThat(policy.ttl(june, clock.instant())).isEqualTo(Duration.ofHours(1));
        assertThat(policy.ttl(may, clock.instant())).isEqualTo(Duration.ofDays(30));
        assertThat(policy.ttl(new ChunkKey("AAPL", Interval.M5, YearMonth.of(2026, 6)), clock.instant())).isEqualTo(Duration.ofMinutes(5));

        cache.putAll(List.of(chunk("AAPL", YearMonth.of(2026, 6), clock.millis(), false),
                chunk("AAPL", YearMonth.of(2026, 4), clock.millis(), true)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.getAll(List.of(june, april))).containsKeys(june, april);
        clock.advance(Duration.ofMinutes(2));
        assertThat(cache.getAll(List.of(june, april))).containsOnlyKeys(april);
        clock.advance(Duration.ofDays(29));
        assertThat(cache.getAll(List.of(april))).containsOnlyKeys(april);
        clock.advance(Duration.ofDays(2));
        assertThat(cache.getAll(List.of(april))).isEmpty();
    }

    @Test
    void unreachableLayerIsSkippedThenComesBackByItself() {
        FlakyStore redis = new FlakyStore(CacheLayer.REDIS, clock);
        FlakyStore pg = new FlakyStore(CacheLayer.POSTGRES, clock);
        LayeredBarCache cache = new LayeredBarCache(List.of(redis, pg), CacheTtlPolicy.seed(), clock, Duration.ofMillis(200));
        BarChunk jan = chunk("AAPL", YearMonth.of(2025, 1), clock.millis(), true);
        cache.putAll(List.of(jan));
        redis.down = true;
        Map<ChunkKey, LayeredBarCache.Found> got = cache.getAll(List.of(jan.key()));
        assertThat(got.get(jan.key()).layer()).isEqualTo(CacheLayer.POSTGRES);
        assertThat(cache.health().get("redis").degraded()).isTrue();
        int callsWhileDown = redis.calls;
        for (int i = 0; i < 100; i++) {
            assertThat(cache.getAll(List.of(jan.key()))).containsKey(jan.key());
        }
        assertThat(redis.calls).isEqualTo(callsWhileDown); // skipped, not asked on every request
        assertThat(cache.statistics().get(0).lastError()).contains("connection refused");

        redis.down = false;
        await(() -> !cache.health().get("redis").degraded());
        assertThat(cache.getAll(List.of(jan.key())).get(jan.key()).layer()).isIn(CacheLayer.REDIS, CacheLayer.POSTGRES);
        assertThat(cache.getAll(List.of(jan.key())).get(jan.key()).layer()).isEqualTo(CacheLayer.REDIS);
    }

    @Test
    void invalidationDropsTheSymbolInEveryLayerAndTellsListeners() {
        FlakyStore a = new FlakyStore(CacheLayer.LOCAL, clock);
        FlakyStore b = new FlakyStore(CacheLayer.POSTGRES, clock);
        LayeredBarCache cache = new LayeredBarCache(List.of(a, b), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5));
        cache.putAll(List.of(chunk("AAPL", YearMonth.of(2025, 1), clock.millis(), true), chunk("MSFT", YearMonth.of(2025, 1), clock.millis(), true)));
        List<String> told = new java.util.ArrayList<>();
        cache.onInvalidate((s, i) -> told.add(s));
        assertThat(cache.invalidate("AAPL", null)).isEqualTo(2);
        assertThat(a.inner.entries()).isEqualTo(1);
        assertThat(b.inner.entries()).isEqualTo(1);
        assertThat(told).containsExactly("AAPL");
    }

    @Test
    void withoutLayersEverythingMisses() {
        LayeredBarCache none = LayeredBarCache.none();
        assertThat(none.enabled()).isFalse();
        none.putAll(List.of(chunk("AAPL", YearMonth.of(2025, 1), 0, true)));
        assertThat(none.getAll(List.of(new ChunkKey("AAPL", Interval.D1, YearMonth.of(2025, 1))))).isEmpty();
    }

    static void await(java.util.function.BooleanSupplier cond) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 5 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
