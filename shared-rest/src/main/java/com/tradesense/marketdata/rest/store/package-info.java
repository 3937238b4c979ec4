/**
 * The Redis clients and PostgreSQL pools every store adapter uses, one per concern, their shared settings,
 * and the start-up check that refuses a misconfigured store.
 */
package com.tradesense.marketdata.rest.store;
