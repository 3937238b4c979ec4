package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditJournal;
import com.tradesense.marketdata.audit.AuditPage;
import com.tradesense.marketdata.audit.AuditQuery;
import com.tradesense.marketdata.audit.Verification;

import java.nio.file.Path;

/** The trail without a database: every journal file in the audit directory (the standalone's trail). */
final class JournalAuditStore implements AuditStore {
    private final Path dir;

    JournalAuditStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public String backend() {
        return "journal";
    }

    @Override
    public AuditPage query(AuditQuery query) {
        return AuditJournal.query(dir, query);
    }

    @Override
    public Verification verify() {
        return AuditJournal.verify(dir);
    }
}
