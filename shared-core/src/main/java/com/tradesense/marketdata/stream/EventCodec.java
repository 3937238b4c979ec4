package com.tradesense.marketdata.stream;

import com.tradesense.marketdata.calendar.MarketPhase;
import com.tradesense.marketdata.domain.Market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes stream messages as JSON text (API.md "WebSocket API"), by hand: no reflection, one reused
 * builder per thread, one String per message that all subscribers share.
 *
 * <pre>
 * {"type":"level1","symbol":"AAPL","seq":7,"t":1764165600123,"bid":…,"bidSize":…,"ask":…,"askSize":…,"last":…,"lastSize":…,"volume":…}
 * {"type":"trades","symbol":"AAPL","seq":3,"t":…,"price":…,"size":…,"side":"buy","id":…}
 * {"type":"level2","symbol":"AAPL","seq":9,"t":…,"bids":[[price,size],…],"asks":[…]}            size 0 = level removed
 * {"type":"level2","symbol":"AAPL","seq":10,"t":…,"reset":true,"bids":[…],"asks":[…]}           the whole book
 * {"type":"status","symbol":"AAPL","seq":2,"t":…,"market":"NASDAQ","status":"closing_auction","reason":null}
 * {"type":"news","symbol":"AAPL","seq":1,"t":…,"market":"NASDAQ","headline":"…","source":"simulator"}
 * {"type":"snapshot","channel":"level2","symbol":"AAPL","seq":9,"t":…,"market":"NASDAQ","status":"open",
 *  "level1":{…},"book":{"bids":[…],"asks":[…]}}
 * </pre>
 */
public final class EventCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(512));

    private EventCodec() {
    }

    private static StringBuilder start(String type, String symbol, long seq, long t) {
        StringBuilder sb = BUFFER.get();
        sb.setLength(0);
        sb.append("{\"type\":\"").append(type).append("\",\"symbol\":");
        string(sb, symbol);
        sb.append(",\"seq\":").append(seq).append(",\"t\":").append(t);
        return sb;
    }

    /** The live message of a sequenced event; {@code symbol} is the key it is sequenced under. */
    public static String encode(StreamEvent event, String symbol, long seq) {
        StringBuilder sb = start(event.channel().wireName(), symbol, seq, event.t());
        if (event instanceof StreamEvent.Level1Quote q) {
            level1Fields(sb, q);
        } else if (event instanceof StreamEvent.Trade tr) {
            sb.append(",\"price\":").append(tr.price()).append(",\"size\":").append(tr.size())
                    .append(",\"side\":\"").append(tr.side().wireName()).append("\",\"id\":").append(tr.tradeId());
        } else if (event instanceof StreamEvent.BookDelta d) {
            sb.append(',');
            levels(sb, "bids", d.bids());
            sb.append(',');
            levels(sb, "asks", d.asks());
        } else if (event instanceof StreamEvent.BookSnapshot b) {
            sb.append(",\"reset\":true,");
            levels(sb, "bids", b.bids());
            sb.append(',');
            levels(sb, "asks", b.asks());
        } else if (event instanceof StreamEvent.StatusChange s) {
            sb.append(",\"market\":\"").append(s.market().name()).append("\",\"status\":\"")
                    .append(s.status().wireName()).append("\",\"reason\":");
            string(sb, s.reason());
        } else if (event instanceof StreamEvent.News n) {
            sb.append(",\"market\":");
            string(sb, n.market() == null ? null : n.market().name());
            sb.append(",\"headline\":");
            string(sb, n.headline());
            sb.append(",\"source\":");
            string(sb, n.source());
        }
        return sb.append('}').toString();
    }

    /**
     * A snapshot: the current level 1 (may be null before any quote), the book (for level 2 only) and the
     * market status, at {@code seq} of the channel.
     */
    public static String snapshot(Channel channel, String symbol, long seq, long t, Market market, MarketPhase status,
                                  StreamEvent.Level1Quote level1, OrderBook book) {
        StringBuilder sb = BUFFER.get();
        sb.setLength(0);
        sb.append("{\"type\":\"snapshot\",\"channel\":\"").append(channel.wireName()).append("\",\"symbol\":");
        string(sb, symbol);
        sb.append(",\"seq\":").append(seq).append(",\"t\":").append(t);
        sb.append(",\"market\":\"").append(market.name()).append("\",\"status\":\"").append(status.wireName()).append('"');
        if (level1 != null) {
            sb.append(",\"level1\":{\"t\":").append(level1.t());
            level1Fields(sb, level1);
            sb.append('}');
        }
        if (book != null) {
            sb.append(",\"book\":{\"bids\":[");
            for (int i = 0; i < book.bidDepth(); i++) {
                level(sb, i, book.bidPrice(i), book.bidSize(i));
            }
            sb.append("],\"asks\":[");
            for (int i = 0; i < book.askDepth(); i++) {
                level(sb, i, book.askPrice(i), book.askSize(i));
            }
            sb.append("]}");
        }
        return sb.append('}').toString();
    }

    private static void level1Fields(StringBuilder sb, StreamEvent.Level1Quote q) {
        sb.append(",\"bid\":");
        number(sb, q.bid());
        sb.append(",\"bidSize\":").append(q.bidSize()).append(",\"ask\":");
        number(sb, q.ask());
        sb.append(",\"askSize\":").append(q.askSize()).append(",\"last\":");
        number(sb, q.last());
        sb.append(",\"lastSize\":").append(q.lastSize()).append(",\"volume\":").append(q.volume());
    }

    private static void levels(StringBuilder sb, String name, List<PriceLevel> levels) {
        sb.append('"').append(name).append("\":[");
        for (int i = 0; i < levels.size(); i++) {
            level(sb, i, levels.get(i).price(), levels.get(i).size());
        }
        sb.append(']');
    }

    private static void level(StringBuilder sb, int i, double price, long size) {
        if (i > 0) {
            sb.append(',');
        }
        sb.append('[').append(price).append(',').append(size).append(']');
    }

    private static void number(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            sb.append("null");
        } else {
            sb.append(v);
        }
    }

    /** A JSON string literal, or {@code null}. */
    public static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A live message read back: the key it is sequenced under, its seq and the event it carries. */
    public record Decoded(String key, long seq, StreamEvent event) {
    }

    /**
     * Reads back a live message written by {@link #encode} (services mode: what the lease holder put on
     * the bus). A level-2 message with {@code "reset":true} becomes a {@link StreamEvent.BookSnapshot}.
     *
     * @throws IllegalArgumentException when it is not such a message
     */
    public static Decoded decode(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a stream message");
        }
        String key = n.path("symbol").asText(null);
        long seq = n.path("seq").asLong(-1);
        long t = n.path("t").asLong();
        Channel channel = Channel.fromWire(n.path("type").asText("")).orElseThrow(
                () -> new IllegalArgumentException("unknown message type " + n.path("type")));
        StreamEvent event = switch (channel) {
            case LEVEL1 -> new StreamEvent.Level1Quote(key, t, num(n.get("bid")), n.path("bidSize").asLong(),
                    num(n.get("ask")), n.path("askSize").asLong(), num(n.get("last")), n.path("lastSize").asLong(),
                    n.path("volume").asLong());
            case TRADES -> new StreamEvent.Trade(key, t, n.path("price").asDouble(), n.path("size").asLong(),
                    "buy".equals(n.path("side").asText()) ? StreamEvent.Side.BUY : StreamEvent.Side.SELL, n.path("id").asLong());
            case LEVEL2 -> n.path("reset").asBoolean(false)
                    ? new StreamEvent.BookSnapshot(key, t, levels(n.get("bids")), levels(n.get("asks")))
                    : new StreamEvent.BookDelta(key, t, levels(n.get("bids")), levels(n.get("asks")));
            case STATUS -> new StreamEvent.StatusChange(key, Market.valueOf(n.path("market").asText()), t,
                    MarketPhase.valueOf(n.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
                    n.path("reason").isNull() ? null : n.path("reason").asText(null));
            case NEWS -> new StreamEvent.News(key, n.path("market").isNull() ? null : Market.valueOf(n.path("market").asText()),
                    t, n.path("headline").asText(), n.path("source").asText());
        };
        return new Decoded(key, seq, event);
    }

    private static double num(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static List<PriceLevel> levels(JsonNode a) {
        List<PriceLevel> out = new ArrayList<>(a == null ? 0 : a.size());
        if (a != null) {
            for (JsonNode l : a) {
                out.add(new PriceLevel(l.get(0).asDouble(), l.get(1).asLong()));
            }
        }
        return out;
    }

    /** {@code {"type":"error","code":…,"message":…}}. */
    public static String error(String code, String message) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"type\":\"error\",\"code\":");
        string(sb, code);
        sb.append(",\"message\":");
        string(sb, message);
        return sb.append('}').toString();
    }
}
