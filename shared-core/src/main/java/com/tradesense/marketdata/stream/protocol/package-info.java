/**
 * The stream protocol's wire format (API.md, "WebSocket API"): client messages parsed into typed commands with
 * every malformed case named, and the acks the server answers with. No connection, session or entitlement here:
 * the realtime function's session controller decides what a valid command does.
 */
package com.tradesense.marketdata.stream.protocol;
