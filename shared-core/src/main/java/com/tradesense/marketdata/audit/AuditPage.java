package com.tradesense.marketdata.audit;

import java.util.List;

/** One page of the audit trail, newest first, with the cursor of the next page (null on the last). */
public record AuditPage(List<AuditRecord> entries, AuditQuery.Cursor next) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
