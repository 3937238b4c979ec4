package com.tradesense.marketdata.stream.protocol;

import com.tradesense.marketdata.stream.Channel;

import java.util.List;

/** One client message of {@code /api/v1/stream}, parsed; {@link Invalid} when it cannot be acted on. */
public sealed interface ClientMessage {

    /** {@code {"action":"auth","token":...}} or {@code "apiKey"}: either may be null (absent or blank). */
    record Auth(String token, String apiKey) implements ClientMessage {
    }

    record Ping() implements ClientMessage {
    }

    /**
     * {@code subscribe} ({@code subscribe=true}) or {@code unsubscribe}: symbols and markets as the client wrote them
     * (looked up by the session controller); {@code markets} is null when the message had no {@code "markets"}.
     */
    record Subscription(boolean subscribe, Channel channel, List<Name> symbols, List<Name> markets) implements ClientMessage {
    }

    /** {@code {"action":"resume","channel":...,"symbol":...,"fromSeq":n}}. */
    record Resume(Channel channel, String symbol, long fromSeq) implements ClientMessage {
    }

    /** Anything else: the error frame's code and message (the values a client sent are echoed only bounded). */
    record Invalid(String code, String message) implements ClientMessage {
    }

    /** A symbol or market as sent: {@code text} false when the JSON value was not a string (its JSON then). */
    record Name(String raw, boolean text) {
    }
}
