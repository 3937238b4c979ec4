package com.tradesense.marketdata.stream;

/**
 * One message as it goes on the wire, serialized once and shared by every subscriber.
 *
 * @param channel  the channel it belongs to
 * @param symbol   the symbol (or market code) it is about
 * @param seq      its sequence number on (symbol, channel); for a snapshot, the seq of the last update it includes
 * @param snapshot true for a {@code "type":"snapshot"} message
 * @param text     the JSON text
 */
public record Frame(Channel channel, String symbol, long seq, boolean snapshot, String text) {
}
