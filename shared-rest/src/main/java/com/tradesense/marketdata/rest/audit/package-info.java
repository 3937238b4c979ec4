/**
 * The audit trail of a running process: observes audit events and appends them to the journal, ships the
 * journal to PostgreSQL off the hot path, records data access, and serves the trail to administrators.
 */
package com.tradesense.marketdata.rest.audit;
