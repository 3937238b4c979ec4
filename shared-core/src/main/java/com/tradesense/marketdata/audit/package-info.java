/**
 * The audit trail as a tamper-evident hash chain per writer, kept in append-only journal segment files:
 * append, rotation and retention with anchors, verification of the chains and newest-first queries, all
 * without a database.
 */
package com.tradesense.marketdata.audit;
