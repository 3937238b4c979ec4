package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.BarStore;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.rest.pg.VersionedSchema;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bars in PostgreSQL, the durable layer: {@code bars} partitioned by UTC month with primary key
 * (symbol, interval, t), and {@code bar_chunks} saying which months are held. The schema comes from
 * versioned scripts ({@code db/cache/V<n>__*.sql}) applied at start under an advisory lock and recorded
 * in {@code schema_version}; if the server is down at start, they are applied on the first call that
 * reaches it. Writes are one bulk upsert ({@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO
 * UPDATE}) per batch of chunks.
 */
public final class PgBarStore implements BarStore {
    /** The versioned scripts, in order. */
    static final List<String> SCRIPTS = List.of("V1__bars.sql");
    private static final VersionedSchema MIGRATIONS = new VersionedSchema("cache", SCRIPTS);

    private final Pool pool;
    private final String schema;
    private final Duration timeout;
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();
    private volatile boolean migrated;

    public PgBarStore(Pool pool, String schema, Duration timeout) {
        this.pool = pool;
        this.schema = VersionedSchema.identifier(schema, "mde.cache.pg-schema");
        this.timeout = timeout;
    }

    @Override
    public CacheLayer layer() {
        return CacheLayer.POSTGRES;
    }

    /** Applies the scripts not yet applied; returns the schema version now. */
    public synchronized int migrate() {
        Integer version = await(MIGRATIONS.migrate(pool, schema), Duration.ofSeconds(30));
        migrated = true;
        return version;
    }

    private void ready() {
        if (!migrated) {
            migrate();
        }
    }

    @Override
    public Map<ChunkKey, BarChunk> getAll(Collection<ChunkKey> keys) {
        ready();
        Map<ChunkKey, BarChunk> out = new HashMap<>();
        Map<String, List<ChunkKey>> bySeries = new LinkedHashMap<>();
        for (ChunkKey k : keys) {
            bySeries.computeIfAbsent(k.symbol() + "|" + k.interval().wireName(), x -> new ArrayList<>()).add(k);
        }
        for (List<ChunkKey> series : bySeries.values()) {
            ChunkKey first = series.get(0);
            LocalDate[] months = series.stream().map(k -> k.month().atDay(1)).toArray(LocalDate[]::new);
            RowSet<Row> chunks = await(pool.preparedQuery("SELECT month, provider, as_of, complete FROM " + schema + ".bar_chunks"
                            + " WHERE symbol = $1 AND bar_interval = $2 AND month = ANY($3) AND (expires_at IS NULL OR expires_at > now())")
                    .execute(Tuple.of(first.symbol(), first.interval().wireName(), months)));
            if (chunks.size() == 0) {
                continue;
            }
            Map<YearMonth, Row> held = new HashMap<>();
            YearMonth min = null;
            YearMonth max = null;
            for (Row r : chunks) {
                YearMonth m = YearMonth.from(r.getLocalDate("month"));
                held.put(m, r);
                min = min == null || m.isBefore(min) ? m : min;
                max = max == null || m.isAfter(max) ? m : max;
            }
            Map<YearMonth, List<Bar>> bars = new HashMap<>();
            RowSet<Row> rows = await(pool.preparedQuery("SELECT t, o, h, l, c, v, n, vw FROM " + schema + ".bars"
                            + " WHERE symbol = $1 AND bar_interval = $2 AND t >= $3 AND t < $4 ORDER BY t")
                    .execute(Tuple.of(first.symbol(), first.interval().wireName(), utc(min.atDay(1)), utc(max.plusMonths(1).atDay(1)))));
            for (Row r : rows) {
                long t = r.getOffsetDateTime("t").toInstant().toEpochMilli();
                YearMonth m = ChunkKey.monthOf(t);
                if (!held.containsKey(m)) {
                    continue;
                }
                Long n = r.getLong("n");
                Double vw = r.getDouble("vw");
                bars.computeIfAbsent(m, x -> new ArrayList<>()).add(new Bar(t, r.getDouble("o"), r.getDouble("h"), r.getDouble("l"),
                        r.getDouble("c"), r.getLong("v"), n == null ? Bar.NO_COUNT : n, vw == null ? Double.NaN : vw));
            }
            for (ChunkKey k : series) {
                Row r = held.get(k.month());
                if (r != null) {
                    out.put(k, new BarChunk(k, r.getString("provider"), r.getOffsetDateTime("as_of").toInstant().toEpochMilli(),
                            r.getBoolean("complete"), bars.getOrDefault(k.month(), List.of())));
                }
            }
        }
        return out;
    }

    @Override
    public void putAll(List<BarChunk> chunks, Map<ChunkKey, Duration> ttls) {
        if (chunks.isEmpty()) {
            return;
        }
        ready();
        for (BarChunk c : chunks) {
            ensurePartition(c.key().month());
        }
        int total = chunks.stream().mapToInt(c -> c.bars().size()).sum();
        String[] sym = new String[total];
        String[] iv = new String[total];
        OffsetDateTime[] t = new OffsetDateTime[total];
        Double[] o = new Double[total];
        Double[] h = new Double[total];
        Double[] l = new Double[total];
        Double[] cl = new Double[total];
        Long[] v = new Long[total];
        Long[] n = new Long[total];
        Double[] vw = new Double[total];
        int i = 0;
        for (BarChunk c : chunks) {
            for (Bar b : c.bars()) {
                sym[i] = c.key().symbol();
                iv[i] = c.key().interval().wireName();
                t[i] = Instant.ofEpochMilli(b.t()).atOffset(ZoneOffset.UTC);
                o[i] = b.o();
                h[i] = b.h();
                l[i] = b.l();
                cl[i] = b.c();
                v[i] = b.v();
                n[i] = b.hasTradeCount() ? b.n() : null;
                vw[i] = b.hasVwap() ? b.vw() : null;
                i++;
            }
        }
        int k = chunks.size();
        String[] cs = new String[k];
        String[] ci = new String[k];
        LocalDate[] cm = new LocalDate[k];
        String[] cp = new String[k];
        OffsetDateTime[] ca = new OffsetDateTime[k];
        Boolean[] cc = new Boolean[k];
        Integer[] cn = new Integer[k];
        OffsetDateTime[] ce = new OffsetDateTime[k];
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int j = 0; j < k; j++) {
            BarChunk c = chunks.get(j);
            cs[j] = c.key().symbol();
            ci[j] = c.key().interval().wireName();
            cm[j] = c.key().month().atDay(1);
            cp[j] = c.provider();
            ca[j] = Instant.ofEpochMilli(c.asOfMs()).atOffset(ZoneOffset.UTC);
            cc[j] = c.complete();
            cn[j] = c.bars().size();
            Duration ttl = ttls.getOrDefault(c.key(), Duration.ZERO);
            ce[j] = ttl.isZero() ? null : now.plus(ttl);
        }
        await(pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO " + schema + ".bars (symbol, bar_interval, t, o, h, l, c, v, n, vw)"
                        + " SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[],"
                        + " $7::float8[], $8::int8[], $9::int8[], $10::float8[])"
                        + " ON CONFLICT (symbol, bar_interval, t) DO UPDATE SET o = EXCLUDED.o, h = EXCLUDED.h, l = EXCLUDED.l,"
                        + " c = EXCLUDED.c, v = EXCLUDED.v, n = EXCLUDED.n, vw = EXCLUDED.vw")
                .execute(Tuple.tuple().addValue(sym).addValue(iv).addValue(t).addValue(o).addValue(h).addValue(l).addValue(cl)
                        .addValue(v).addValue(n).addValue(vw))
                .compose(x -> conn.preparedQuery("INSERT INTO " + schema + ".bar_chunks (symbol, bar_interval, month, provider, as_of,"
                                + " complete, bar_count, expires_at) SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[],"
                                + " $5::timestamptz[], $6::bool[], $7::int4[], $8::timestamptz[])"
                                + " ON CONFLICT (symbol, bar_interval, month) DO UPDATE SET provider = EXCLUDED.provider,"
                                + " as_of = EXCLUDED.as_of, complete = EXCLUDED.complete, bar_count = EXCLUDED.bar_count,"
                                + " expires_at = EXCLUDED.expires_at")
                        .execute(Tuple.tuple().addValue(cs).addValue(ci).addValue(cm).addValue(cp).addValue(ca).addValue(cc)
                                .addValue(cn).addValue(ce)))), Duration.ofMillis(Math.max(timeout.toMillis(), 5_000)));
    }

    private void ensurePartition(YearMonth m) {
        if (partitions.contains(m)) {
            return;
        }
        String name = String.format("%s.bars_p%04d%02d", schema, m.getYear(), m.getMonthValue());
        try {
            await(pool.query("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + schema + ".bars FOR VALUES FROM ('"
                    + m.atDay(1) + " 00:00:00+00') TO ('" + m.plusMonths(1).atDay(1) + " 00:00:00+00')").execute());
        } catch (IllegalStateException e) {
            // another process created it at the same moment: that is as good
            if (!String.valueOf(e.getMessage()).contains("already exists") && !String.valueOf(e.getMessage()).contains("23505")) {
                throw e;
            }
        }
        partitions.add(m);
    }

    @Override
    public long invalidate(String symbol, Interval interval) {
        ready();
        String where = " WHERE symbol = $1" + (interval == null ? "" : " AND bar_interval = $2");
        Tuple args = interval == null ? Tuple.of(symbol) : Tuple.of(symbol, interval.wireName());
        return await(pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM " + schema + ".bar_chunks" + where).execute(args)
                .compose(chunks -> conn.preparedQuery("DELETE FROM " + schema + ".bars" + where).execute(args)
                        .map(x -> (long) chunks.rowCount()))));
    }

    @Override
    public long entries() {
        ready();
        return await(pool.query("SELECT count(*) FROM " + schema + ".bar_chunks WHERE expires_at IS NULL OR expires_at > now()").execute())
                .iterator().next().getLong(0);
    }

    /** Table and index bytes of the bar partitions and the chunk table. */
    @Override
    public long memoryBytes() {
        ready();
        return await(pool.query("SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) + pg_total_relation_size('" + schema
                + ".bar_chunks') FROM pg_inherits WHERE inhparent = '" + schema + ".bars'::regclass").execute())
                .iterator().next().getLong(0);
    }

    @Override
    public void ping() {
        await(pool.query("SELECT 1").execute());
        ready();
    }

    private static OffsetDateTime utc(LocalDate d) {
        return d.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private <T> T await(Future<T> f) {
        return await(f, timeout);
    }

    private static <T> T await(Future<T> f, Duration timeout) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("postgres: interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("postgres: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("postgres: no answer in " + timeout, e);
        }
    }
}
