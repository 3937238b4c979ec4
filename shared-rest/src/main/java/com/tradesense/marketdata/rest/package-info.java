/**
 * What every function's HTTP edge shares: RFC 9457 problem details for every error, provenance and time on
 * the wire, the market path parameter, and readiness of the reference data.
 */
package com.tradesense.marketdata.rest;
