package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditJournal;
import com.tradesense.marketdata.audit.AuditPage;
import com.tradesense.marketdata.audit.AuditQuery;
import com.tradesense.marketdata.audit.AuditRecord;
import com.tradesense.marketdata.audit.Verification;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL trail is append-only, and a row changed behind the triggers' back is found by verify. */
class AuditTamperTest {
    @TempDir
    Path dir;
    Vertx vertx;
    Pool pool;
    String schema;
    PgAuditStore store;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        pool = AuditPg.pool(vertx);
        schema = AuditPg.schema();
        store = new PgAuditStore(pool, schema, Duration.ofSeconds(5));
        List<AuditRecord> batch = new ArrayList<>();
        try (AuditJournal j = AuditJournal.open(dir, "w1")) {
            for (int i = 0; i < 20; i++) {
                batch.add(j.append(new AuditEvent(Instant.parse("2026-11-26T10:00:00Z").plusSeconds(i),
                        i % 4 == 0 ? AuditEvent.Category.AUTHENTICATION : AuditEvent.Category.DATA_ACCESS,
                        i % 2 == 0 ? "alice" : "bob", i % 4 == 0 ? "auth.token" : "data.ohlcv", "AAPL'; DROP TABLE x;--", "ohlcv",
                        "allowed", null)));
            }
        }
        assertThat(store.insert(batch)).isEqualTo(20);
        assertThat(store.insert(batch)).as("replaying a batch stores nothing twice").isZero();
    }

    @AfterEach
    void tearDown() {
        AuditPg.drop(pool, schema);
        pool.close();
        vertx.close();
    }

    void sql(String s) {
        PgAuditStore.await(pool.query(s).execute(), Duration.ofSeconds(10));
    }

    @Test
    void updateDeleteAndTruncateAreRejected() {
        assertThatThrownBy(() -> sql("UPDATE " + schema + ".audit_log SET actor = 'mallory' WHERE seq = 3")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM " + schema + ".audit_log WHERE seq = 3")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("TRUNCATE " + schema + ".audit_log")).hasMessageContaining("append-only");
        assertThat(store.verify().intact()).isTrue();
        assertThat(store.verify().entriesChecked()).isEqualTo(20);
    }

    @Test
    void aRowChangedWithTheTriggerDisabledIsTheFirstBrokenLink() {
        sql("ALTER TABLE " + schema + ".audit_log DISABLE TRIGGER audit_log_no_change");
        sql("UPDATE " + schema + ".audit_log SET outcome = 'denied' WHERE seq = 7");
        Verification v = store.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().writerId()).isEqualTo("w1");
        assertThat(v.firstBreak().seq()).isEqualTo(7);
        assertThat(v.firstBreak().reason()).contains("changed");
    }

    @Test
    void aDeletedRowIsAGap() {
        sql("ALTER TABLE " + schema + ".audit_log DISABLE TRIGGER audit_log_no_change");
        sql("DELETE FROM " + schema + ".audit_log WHERE seq = 12");
        Verification v = store.verify();
        assertThat(v.firstBreak().seq()).isEqualTo(13);
        assertThat(v.firstBreak().reason()).contains("gap");
    }

    @Test
    void queryFiltersAndPagesNewestFirst() {
        AuditPage p = store.query(new AuditQuery("alice", null, AuditEvent.Category.DATA_ACCESS, null, null, 3, null));
        assertThat(p.entries()).extracting(AuditRecord::seq).containsExactly(19L, 15L, 11L);
        AuditPage p2 = store.query(new AuditQuery("alice", null, AuditEvent.Category.DATA_ACCESS, null, null, 3,
                AuditQuery.Cursor.decode(p.next().encode())));
        assertThat(p2.entries()).extracting(AuditRecord::seq).containsExactly(7L, 3L);
        assertThat(p2.next()).isNull();
        AuditPage range = store.query(new AuditQuery(null, "auth.token", null, Instant.parse("2026-11-26T10:00:04Z"),
                Instant.parse("2026-11-26T10:00:16Z"), 10, null));
        assertThat(range.entries()).extracting(AuditRecord::seq).containsExactly(13L, 9L, 5L);
        assertThat(range.entries().get(0).event().symbol()).isEqualTo("AAPL'; DROP TABLE x;--");
    }
}
