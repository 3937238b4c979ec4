/**
 * The WebSocket stream {@code /api/v1/stream}: the thin endpoint, the protocol (subscribe, unsubscribe,
 * resume, acks and errors) and each client connection's session and subscriptions.
 */
package com.tradesense.marketdata.realtime.ws;
