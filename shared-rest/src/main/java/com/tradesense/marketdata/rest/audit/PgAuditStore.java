package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditPage;
import com.tradesense.marketdata.audit.AuditQuery;
import com.tradesense.marketdata.audit.AuditRecord;
import com.tradesense.marketdata.audit.ChainVerifier;
import com.tradesense.marketdata.audit.Verification;
import com.tradesense.marketdata.rest.pg.VersionedSchema;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The audit trail in PostgreSQL ({@code <schema>.audit_log}, see {@code db/audit/V1__audit_log.sql}):
 * batches inserted as one multi-row statement ({@code INSERT ... SELECT FROM unnest(arrays)}) that skips
 * entries already there, so replaying a journal after a crash stores each entry exactly once.
 */
public final class PgAuditStore implements AuditStore {
    private static final List<String> SCRIPTS = List.of("V1__audit_log.sql");
    private static final VersionedSchema MIGRATIONS = new VersionedSchema("audit", SCRIPTS);
    private static final String COLUMNS = "writer_id, seq, at, category, actor, action, symbol, data_type, outcome, detail, prev_hash, hash";

    private final Pool pool;
    private final String schema;
    private final Duration timeout;
    private volatile boolean migrated;

    public PgAuditStore(Pool pool, String schema, Duration timeout) {
        this.pool = pool;
        this.schema = VersionedSchema.identifier(schema, "mde.audit.pg-schema");
        this.timeout = timeout;
    }

    @Override
    public String backend() {
        return "postgres";
    }

    /** Creates the schema, the table and its append-only triggers if missing (under an advisory lock). */
    public synchronized void migrate() {
        if (migrated) {
            return;
        }
        await(MIGRATIONS.migrate(pool, schema), Duration.ofSeconds(30));
        migrated = true;
    }

    /** The highest sequence number of {@code writerId} stored (0 if none): where shipping resumes. */
    public long lastSeq(String writerId) {
        migrate();
        RowSet<Row> rs = await(pool.preparedQuery("SELECT coalesce(max(seq), 0) FROM " + schema + ".audit_log WHERE writer_id = $1")
                .execute(Tuple.of(writerId)), timeout);
        return rs.iterator().next().getLong(0);
    }

    /** Stores the batch in one statement; entries already stored are skipped. Returns how many were new. */
    public int insert(List<AuditRecord> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        migrate();
        int n = batch.size();
        String[] writer = new String[n];
        Long[] seq = new Long[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] category = new String[n];
        String[] actor = new String[n];
        String[] action = new String[n];
        String[] symbol = new String[n];
        String[] dataType = new String[n];
        String[] outcome = new String[n];
        String[] detail = new String[n];
        String[] prev = new String[n];
        String[] hash = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = batch.get(i);
            AuditEvent e = r.event();
            writer[i] = r.writerId();
            seq[i] = r.seq();
            at[i] = e.at().atOffset(ZoneOffset.UTC);
            category[i] = e.category().name();
            actor[i] = e.actor();
            action[i] = e.action();
            symbol[i] = e.symbol();
            dataType[i] = e.dataType();
            outcome[i] = e.outcome();
            detail[i] = e.detail();
            prev[i] = r.prevHash();
            hash[i] = r.hash();
        }
        RowSet<Row> rs = await(pool.preparedQuery("INSERT INTO " + schema + ".audit_log (" + COLUMNS + ") SELECT * FROM unnest("
                + "$1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],"
                + " $10::text[], $11::text[], $12::text[]) ON CONFLICT (writer_id, seq) DO NOTHING")
                .execute(Tuple.tuple(List.of(writer, seq, at, category, actor, action, symbol, dataType, outcome, detail, prev, hash))),
                Duration.ofSeconds(Math.max(5, timeout.toSeconds())));
        return rs.rowCount();
    }

    @Override
    public AuditPage query(AuditQuery q) {
        migrate();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + schema + ".audit_log WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            args.add(q.actor());
            sql.append(" AND actor = $").append(args.size());
        }
        if (q.action() != null) {
            args.add(q.action());
            sql.append(" AND action = $").append(args.size());
        }
        if (q.category() != null) {
            args.add(q.category().name());
            sql.append(" AND category = $").append(args.size());
        }
        if (q.from() != null) {
            args.add(q.from().atOffset(ZoneOffset.UTC));
            sql.append(" AND at >= $").append(args.size());
        }
        if (q.to() != null) {
            args.add(q.to().atOffset(ZoneOffset.UTC));
            sql.append(" AND at < $").append(args.size());
        }
        if (q.after() != null) {
            args.add(AuditRecord.ofEpochMicros(q.after().atMicros()).atOffset(ZoneOffset.UTC));
            args.add(q.after().writerId());
            args.add(q.after().seq());
            int k = args.size();
            sql.append(" AND (at, writer_id, seq) < ($").append(k - 2).append(", $").append(k - 1).append(", $").append(k).append(')');
        }
        args.add(q.limit() + 1);
        sql.append(" ORDER BY at DESC, writer_id DESC, seq DESC LIMIT $").append(args.size());
        RowSet<Row> rs = await(pool.preparedQuery(sql.toString()).execute(Tuple.tuple(args)), timeout);
        List<AuditRecord> out = new ArrayList<>();
        for (Row r : rs) {
            out.add(record(r));
        }
        boolean more = out.size() > q.limit();
        List<AuditRecord> page = more ? out.subList(0, q.limit()) : out;
        return new AuditPage(page, more ? AuditQuery.Cursor.of(page.get(page.size() - 1)) : null);
    }

    /** Re-walks every writer's chain in pages of 5,000 rows. */
    @Override
    public Verification verify() {
        migrate();
        ChainVerifier v = new ChainVerifier();
        String writer = "";
        long seq = 0;
        while (true) {
            RowSet<Row> rs = await(pool.preparedQuery("SELECT " + COLUMNS + " FROM " + schema + ".audit_log"
                    + " WHERE (writer_id, seq) > ($1, $2) ORDER BY writer_id, seq LIMIT 5000").execute(Tuple.of(writer, seq)),
                    Duration.ofSeconds(Math.max(30, timeout.toSeconds())));
            if (rs.size() == 0) {
                return v.result();
            }
            for (Row row : rs) {
                AuditRecord r = record(row);
                writer = r.writerId();
                seq = r.seq();
                if (!v.accept(r)) {
                    return v.result();
                }
            }
        }
    }

    private static AuditRecord record(Row r) {
        AuditEvent.Category category;
        try {
            category = AuditEvent.Category.valueOf(r.getString("category"));
        } catch (IllegalArgumentException e) {
            category = AuditEvent.Category.ADMIN; // a tampered category: the hash check reports the row
        }
        AuditEvent e = new AuditEvent(r.getOffsetDateTime("at").toInstant(), category, r.getString("actor"), r.getString("action"),
                r.getString("symbol"), r.getString("data_type"), r.getString("outcome"), r.getString("detail"));
        return new AuditRecord(r.getString("writer_id"), r.getLong("seq"), e, r.getString("prev_hash"), r.getString("hash"));
    }

    static <T> T await(Future<T> f, Duration timeout) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
