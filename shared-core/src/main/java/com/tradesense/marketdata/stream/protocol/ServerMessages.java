package com.tradesense.marketdata.stream.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.stream.Channel;

import java.time.Instant;

/**
 * The server's control messages of {@code /api/v1/stream} (acks and notices; data frames are {@code EventCodec}'s,
 * errors {@code EventCodec.error}). Field order is part of what clients see, so it is fixed here.
 */
public final class ServerMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerMessages() {
    }

    public static String pong(long epochMillis) {
        return "{\"type\":\"pong\",\"t\":" + epochMillis + "}";
    }

    /**
     * {@code {"type":"authenticated","subject","plan","expiresAt"}} for a token, or {@code "credential":"api_key"} for
     * an API key (no expiry: it lasts until the key is revoked).
     */
    public static String authenticated(String subject, String plan, Instant expiresAt) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "authenticated");
        m.put("subject", subject);
        if (plan != null) {
            m.put("plan", plan);
        }
        if (expiresAt != null) {
            m.put("expiresAt", expiresAt.toString());
        } else {
            m.put("credential", "api_key");
        }
        return m.toString();
    }

    public static String tokenExpiring(Instant expiresAt, long secondsLeft) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "token_expiring");
        m.put("expiresAt", expiresAt.toString());
        m.put("secondsLeft", Math.max(0, secondsLeft));
        m.put("message", "Send {\"action\":\"auth\",\"token\":\"<new access token>\"} before expiresAt to stay connected.");
        return m.toString();
    }

    public static String resumed(Channel channel, String symbol, long fromSeq, int replayed, boolean snapshot, long lastSeq) {
        ObjectNode ack = JSON.createObjectNode();
        ack.put("type", "resumed");
        ack.put("channel", channel.wireName());
        ack.put("symbol", symbol);
        ack.put("fromSeq", fromSeq);
        ack.put("replayed", replayed);
        ack.put("snapshot", snapshot);
        ack.put("lastSeq", lastSeq);
        return ack.toString();
    }

    /** The one ack of a subscribe or unsubscribe: {@code {"type","channel","symbols","rejected"[,"markets"][,"reason"]}}. */
    public static final class SubscriptionAck {
        private final boolean subscribe;
        private final Channel channel;
        private final ArrayNode symbols = JSON.createArrayNode();
        private final ArrayNode rejected = JSON.createArrayNode();
        /** Null unless the message named markets: the ack then lists the accepted ones (possibly none). */
        private ArrayNode markets;
        private String reason;

        public SubscriptionAck(boolean subscribe, Channel channel) {
            this.subscribe = subscribe;
            this.channel = channel;
        }

        public SubscriptionAck accept(String symbol) {
            symbols.add(symbol);
            return this;
        }

        /** Says the message named markets: the ack then lists the accepted ones (possibly none). */
        public SubscriptionAck withMarkets() {
            if (markets == null) {
                markets = JSON.createArrayNode();
            }
            return this;
        }

        public SubscriptionAck acceptMarket(String market) {
            withMarkets();
            markets.add(market);
            return this;
        }

        /** A refused symbol or market, echoed bounded ({@link ClientInput#echo}), with why. */
        public SubscriptionAck reject(String symbol, String reason) {
            ObjectNode r = rejected.addObject();
            r.put("symbol", ClientInput.echo(symbol));
            r.put("reason", reason);
            return this;
        }

        public SubscriptionAck reason(String reason) {
            this.reason = reason;
            return this;
        }

        public String encode() {
            ObjectNode ack = JSON.createObjectNode();
            ack.put("type", subscribe ? "subscribed" : "unsubscribed");
            ack.put("channel", channel.wireName());
            ack.set("symbols", symbols);
            ack.set("rejected", rejected);
            if (markets != null) {
                ack.set("markets", markets);
            }
            if (reason != null) {
                ack.put("reason", reason);
            }
            return ack.toString();
        }
    }
}
