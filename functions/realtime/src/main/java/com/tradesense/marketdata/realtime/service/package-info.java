/**
 * Wires the stream's core objects for this function: the in-process hub, the streaming simulator as
 * upstream, and in services mode the Redis bus in their place.
 */
package com.tradesense.marketdata.realtime.service;
