package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditPage;
import com.tradesense.marketdata.audit.AuditQuery;
import com.tradesense.marketdata.audit.JournalDirectory;
import com.tradesense.marketdata.audit.Verification;

import java.nio.file.Path;

/**
 * The trail without a database: every writer's journal segments in the audit directory (the standalone's
 * trail). One {@link JournalDirectory} for the process, so that what it learns of each segment's time
 * bounds lets later pages skip segments.
 */
final class JournalAuditStore implements AuditStore {
    private final JournalDirectory journals;

    JournalAuditStore(Path dir) {
        this.journals = new JournalDirectory(dir);
    }

    @Override
    public String backend() {
        return "journal";
    }

    @Override
    public AuditPage query(AuditQuery query) {
        return journals.query(query);
    }

    @Override
    public Verification verify() {
        return journals.verify();
    }
}
