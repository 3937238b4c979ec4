package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditPage;
import com.tradesense.marketdata.audit.AuditQuery;
import com.tradesense.marketdata.audit.Verification;

/** Where the admin endpoints read the trail: PostgreSQL when configured, else this process's journal directory. */
public interface AuditStore {
    /** {@code postgres} or {@code journal}. */
    String backend();

    AuditPage query(AuditQuery query);

    Verification verify();
}
