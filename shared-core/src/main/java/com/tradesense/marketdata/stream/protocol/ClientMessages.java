package com.tradesense.marketdata.stream.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.stream.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses client messages. Size and rate limits are the session controller's (they come before parsing); this
 * checks shape only: valid JSON, an object, a known action, a known channel, arrays where arrays belong, at most
 * {@code maxSymbolsPerRequest} symbols and markets, and resume's {@code symbol} and {@code fromSeq}.
 */
public final class ClientMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int maxSymbolsPerRequest;

    public ClientMessages(int maxSymbolsPerRequest) {
        this.maxSymbolsPerRequest = maxSymbolsPerRequest;
    }

    public ClientMessage parse(String message) {
        JsonNode msg;
        try {
            msg = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return new ClientMessage.Invalid("invalid_json", "The message is not valid JSON.");
        }
        if (msg == null || !msg.isObject()) {
            return new ClientMessage.Invalid("invalid_message", "A message is a JSON object with an \"action\".");
        }
        JsonNode action = msg.get("action");
        if (action == null || !action.isTextual()) {
            return new ClientMessage.Invalid("missing_action", "The message has no \"action\" (subscribe, unsubscribe, resume or ping).");
        }
        return switch (action.textValue()) {
            case "auth" -> new ClientMessage.Auth(text(msg.get("token")), text(msg.get("apiKey")));
            case "ping" -> new ClientMessage.Ping();
            case "subscribe" -> subscription(msg, true);
            case "unsubscribe" -> subscription(msg, false);
            case "resume" -> resume(msg);
            default -> new ClientMessage.Invalid("unknown_action", "Unknown action '" + ClientInput.echo(action.textValue())
                    + "': use subscribe, unsubscribe, resume or ping.");
        };
    }

    /** The channel, or the error naming what was sent. */
    private static Object channel(JsonNode msg) {
        JsonNode ch = msg.get("channel");
        Optional<Channel> channel = ch != null && ch.isTextual() ? Channel.fromWire(ch.textValue()) : Optional.empty();
        if (channel.isPresent()) {
            return channel.get();
        }
        return new ClientMessage.Invalid("unknown_channel", "Unknown or missing \"channel\"" + (ch != null && ch.isTextual()
                ? " '" + ClientInput.echo(ch.textValue()) + "'" : "") + ": use level1, level2, trades, news or status.");
    }

    private ClientMessage subscription(JsonNode msg, boolean subscribe) {
        Object channel = channel(msg);
        if (channel instanceof ClientMessage.Invalid invalid) {
            return invalid;
        }
        JsonNode symbols = msg.get("symbols");
        JsonNode markets = msg.get("markets");
        if ((symbols != null && !symbols.isArray()) || (markets != null && !markets.isArray())) {
            return new ClientMessage.Invalid("invalid_message", "\"symbols\" and \"markets\" are arrays of strings.");
        }
        int count = (symbols == null ? 0 : symbols.size()) + (markets == null ? 0 : markets.size());
        if (count == 0) {
            return new ClientMessage.Invalid("invalid_message", "Name at least one symbol in \"symbols\" (or a market in \"markets\").");
        }
        if (count > maxSymbolsPerRequest) {
            return new ClientMessage.Invalid("too_many_symbols", "At most " + maxSymbolsPerRequest + " symbols per request, not "
                    + count + ": split the request.");
        }
        return new ClientMessage.Subscription(subscribe, (Channel) channel, names(symbols), markets == null ? null : names(markets));
    }

    private static List<ClientMessage.Name> names(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        List<ClientMessage.Name> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(new ClientMessage.Name(n.isTextual() ? n.textValue() : n.toString(), n.isTextual()));
        }
        return out;
    }

    private static ClientMessage resume(JsonNode msg) {
        Object channel = channel(msg);
        if (channel instanceof ClientMessage.Invalid invalid) {
            return invalid;
        }
        JsonNode symbol = msg.get("symbol");
        JsonNode from = msg.get("fromSeq");
        if (symbol == null || !symbol.isTextual() || from == null || !from.canConvertToLong() || from.asLong() < 0) {
            return new ClientMessage.Invalid("invalid_message",
                    "resume needs \"symbol\" (a string) and \"fromSeq\" (the first seq wanted, >= 0).");
        }
        return new ClientMessage.Resume((Channel) channel, symbol.textValue(), from.asLong());
    }

    /** A non-blank string field, trimmed, else null. */
    private static String text(JsonNode n) {
        if (n == null || !n.isTextual() || n.textValue().isBlank()) {
            return null;
        }
        return n.textValue().trim();
    }
}
