/**
 * The real-time core: normalized events, order books, per-symbol sequencing, the in-process hub with its
 * replay buffers, bounded per-session outboxes and frames serialized once for every subscriber. No
 * transport here; the realtime function puts it on a WebSocket.
 */
package com.tradesense.marketdata.stream;
