package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.Test;

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
 * Bulk upsert rate and range-read latency of the PostgreSQL layer. Minute bars, one chunk per symbol and
 * month; {@code -Dmde.bench.pg-bars=1000000} for the million (default 60 000 to keep the suite quick).
 */
class PgBulkTest {

    @Test
    void bulkUpsertRateAndRangeReads() throws Exception {
        int total = Integer.getInteger("mde.bench.pg-bars", 60_000);
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(TestStores.pgUrl()))
                .using(vertx).build();
        String schema = "mde_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PgBarStore store = new PgBarStore(pool, schema, Duration.ofSeconds(60));
        try {
            store.migrate();
            int perChunk = 20_000; // ~ a month of 1m bars of one regular session
            List<BarChunk> chunks = new ArrayList<>();
            int made = 0;
            int s = 0;
            while (made < total) {
                String sym = "B" + s++;
                for (int m = 1; m <= 12 && made < total; m++) {
                    ChunkKey key = new ChunkKey(sym, Interval.M1, YearMonth.of(2024, m));
                    int n = Math.min(perChunk, total - made);
                    List<Bar> bars = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        double p = 100 + (i % 500) * 0.01;
                        bars.add(new Bar(key.fromMs() + i * 60_000L, p, p + 0.05, p - 0.05, p + 0.01, 100 + i, 3, Double.NaN));
                    }
                    chunks.add(new BarChunk(key, "simulator", System.currentTimeMillis(), true, bars));
                    made += n;
                }
            }
            long t0 = System.nanoTime();
            for (BarChunk c : chunks) {
                store.putAll(List.of(c), Map.of());
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long rows = pool.query("SELECT count(*) FROM " + schema + ".bars").execute().toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS).iterator().next().getLong(0);
            assertThat(rows).isEqualTo(total);

            long[] ns = new long[100];
            for (int i = 0; i < ns.length; i++) {
                BarChunk c = chunks.get(i % chunks.size());
                long r0 = System.nanoTime();
                BarChunk got = store.getAll(List.of(c.key())).get(c.key());
                ns[i] = System.nanoTime() - r0;
                assertThat(got.bars()).hasSize(c.bars().size());
            }
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "postgres bulk upsert: %d bars in %.1f s = %.0f bars/s (chunks of %d); range read of one chunk"
                            + " (%d bars): p50 %.1f ms p99 %.1f ms%n", total, secs, total / secs, perChunk, chunks.get(0).bars().size(),
                    ns[50] / 1e6, ns[98] / 1e6);
        } finally {
            pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            pool.close();
            vertx.close();
        }
    }
}
