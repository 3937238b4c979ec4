/**
 * Browser- and transport-facing policy of every response: security headers and CORS, problems for requests
 * Vert.x refuses itself, and the last net that masks secrets in log records.
 */
package com.tradesense.marketdata.rest.transport;
