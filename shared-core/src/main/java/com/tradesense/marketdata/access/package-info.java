/**
 * Who may get what: the caller's identity as the edge established it, the plans and entitlements, and the
 * policy (real time, delayed or refused) applied the same way on REST and on the stream.
 */
package com.tradesense.marketdata.access;
