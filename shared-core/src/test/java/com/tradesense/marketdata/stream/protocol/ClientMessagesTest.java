package com.tradesense.marketdata.stream.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.stream.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream protocol codec: every message of API.md, and every malformed one answered with a named error. */
class ClientMessagesTest {
    private final ClientMessages messages = new ClientMessages(100);

    @Test
    void theDocumentedMessagesParse() {
        ClientMessage sub = messages.parse("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"ATW.CSE\"],\"markets\":[\"NYSE\",\"CSE\"]}");
        assertThat(sub).isEqualTo(new ClientMessage.Subscription(true, Channel.LEVEL1,
                List.of(new ClientMessage.Name("AAPL", true), new ClientMessage.Name("ATW.CSE", true)),
                List.of(new ClientMessage.Name("NYSE", true), new ClientMessage.Name("CSE", true))));
        assertThat(messages.parse("{\"action\":\"unsubscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"]}"))
                .isEqualTo(new ClientMessage.Subscription(false, Channel.LEVEL1, List.of(new ClientMessage.Name("AAPL", true)), null));
        assertThat(messages.parse("{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":1042}"))
                .isEqualTo(new ClientMessage.Resume(Channel.TRADES, "AAPL", 1042));
        assertThat(messages.parse("{\"action\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
        assertThat(messages.parse("{\"action\":\"auth\",\"token\":\"  eyJ.a.b \"}")).isEqualTo(new ClientMessage.Auth("eyJ.a.b", null));
        assertThat(messages.parse("{\"action\":\"auth\",\"apiKey\":\"\"}")).isEqualTo(new ClientMessage.Auth(null, null));
    }

    @Test
    void aNonStringSymbolIsKeptAsSentForItsRejection() {
        ClientMessage m = messages.parse("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[42,{\"a\":1},null]}");
        assertThat(((ClientMessage.Subscription) m).symbols()).containsExactly(new ClientMessage.Name("42", false),
                new ClientMessage.Name("{\"a\":1}", false), new ClientMessage.Name("null", false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{not json|invalid_json",
            "''|invalid_message",
            "[1,2]|invalid_message",
            "\"subscribe\"|invalid_message",
            "{}|missing_action",
            "{\"action\":7}|missing_action",
            "{\"action\":\"SUBSCRIBE\"}|unknown_action",
            "{\"action\":\"drop table\"}|unknown_action",
            "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"]}|unknown_channel",
            "{\"action\":\"subscribe\",\"channel\":\"level9\",\"symbols\":[\"AAPL\"]}|unknown_channel",
            "{\"action\":\"subscribe\",\"channel\":\"level1\"}|invalid_message",
            "{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[]}|invalid_message",
            "{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":\"AAPL\"}|invalid_message",
            "{\"action\":\"subscribe\",\"channel\":\"level1\",\"markets\":{\"m\":1}}|invalid_message",
            "{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\"}|invalid_message",
            "{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":-1}|invalid_message",
            "{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":7,\"fromSeq\":1}|invalid_message",
            "{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":\"x\"}|invalid_message",
            "{\"action\":\"resume\",\"symbol\":\"AAPL\",\"fromSeq\":1}|unknown_channel"})
    void malformedMessagesGetANamedError(String text, String code) {
        ClientMessage m = messages.parse(text);
        assertThat(m).isInstanceOf(ClientMessage.Invalid.class);
        assertThat(((ClientMessage.Invalid) m).code()).isEqualTo(code);
        assertThat(((ClientMessage.Invalid) m).message()).isNotBlank();
    }

    @Test
    void moreThanTheLimitOfSymbolsAndMarketsIsRefusedWhole() {
        StringBuilder sb = new StringBuilder("{\"action\":\"subscribe\",\"channel\":\"status\",\"symbols\":[");
        for (int i = 0; i < 99; i++) {
            sb.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        String ninetyNine = sb + "]}";
        assertThat(messages.parse(ninetyNine)).isInstanceOf(ClientMessage.Subscription.class);
        ClientMessage m = messages.parse(sb + "],\"markets\":[\"NYSE\",\"CSE\"]}");
        assertThat(((ClientMessage.Invalid) m).code()).isEqualTo("too_many_symbols");
        assertThat(((ClientMessage.Invalid) m).message()).contains("101");
    }

    @Test
    void aHostileValueIsEchoedBoundedNeverWhole() {
        String huge = "x".repeat(10_000) + "\u0000<script>";
        ClientMessage.Invalid m = (ClientMessage.Invalid) messages.parse("{\"action\":\"" + huge + "\"}");
        assertThat(m.message().length()).isLessThan(300);
        assertThat(m.message()).doesNotContain("<script>");
    }

    @Test
    void acksHaveTheDocumentedShape() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String ack = new ServerMessages.SubscriptionAck(true, Channel.LEVEL1).accept("AAPL").reject("NOPE", "unknown symbol")
                .withMarkets().acceptMarket("NYSE").encode();
        assertThat(ack).isEqualTo("{\"type\":\"subscribed\",\"channel\":\"level1\",\"symbols\":[\"AAPL\"],"
                + "\"rejected\":[{\"symbol\":\"NOPE\",\"reason\":\"unknown symbol\"}],\"markets\":[\"NYSE\"]}");
        assertThat(new ServerMessages.SubscriptionAck(false, Channel.LEVEL2).reject("ATW.CSE", "not entitled")
                .reason("re-authenticated with fewer entitlements").encode())
                .isEqualTo("{\"type\":\"unsubscribed\",\"channel\":\"level2\",\"symbols\":[],"
                        + "\"rejected\":[{\"symbol\":\"ATW.CSE\",\"reason\":\"not entitled\"}],\"reason\":\"re-authenticated with fewer entitlements\"}");
        JsonNode resumed = json.readTree(ServerMessages.resumed(Channel.TRADES, "AAPL", 1042, 3, false, 1044));
        assertThat(resumed.toString()).isEqualTo("{\"type\":\"resumed\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":1042,"
                + "\"replayed\":3,\"snapshot\":false,\"lastSeq\":1044}");
        assertThat(ServerMessages.pong(5)).isEqualTo("{\"type\":\"pong\",\"t\":5}");
        assertThat(json.readTree(ServerMessages.authenticated("c1", "pro", null)).path("credential").asText()).isEqualTo("api_key");
        assertThat(json.readTree(ServerMessages.authenticated("c1", "pro", Instant.EPOCH)).path("expiresAt").asText())
                .isEqualTo("1970-01-01T00:00:00Z");
    }
}
