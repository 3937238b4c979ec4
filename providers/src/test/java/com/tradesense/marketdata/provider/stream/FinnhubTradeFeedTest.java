package com.tradesense.marketdata.provider.stream;

import com.tradesense.marketdata.routing.ProviderStatusReport;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.vendor.FinnhubProvider;
import com.tradesense.marketdata.provider.vendor.VendorConfig;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.stream.StreamEvent;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Finnhub trade feed against a real WebSocket server sending Finnhub-shaped frames: trades become
 * stream events; the server going silent while the market is open makes the feed degraded (provider
 * status) and reconnect; a dropped connection reconnects, resubscribes and signals the reset.
 */
class FinnhubTradeFeedTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private static final SymbolMaster SYMBOLS = SymbolMaster.standard();
    /** A ticking clock set to Monday 2026-06-01 11:00 New York (market open) at the start of the test. */
    private static final Clock MARKET_OPEN = ticking("2026-06-01T15:00:00Z");
    /** Saturday 2026-06-06 noon New York: closed. */
    private static final Clock MARKET_CLOSED = ticking("2026-06-06T16:00:00Z");
    private static final FinnhubTradeFeed.Settings FAST = new FinnhubTradeFeed.Settings(Duration.ofMillis(1500),
            Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(2));

    private FakeStreamServer server;
    private FinnhubTradeFeed feed;
    private final RouterHealth health = RouterHealth.withDefaults(Clock.systemUTC());
    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private final List<Set<String>> resets = new CopyOnWriteArrayList<>();
    private final FeedSink sink = new EngineFeedSink(e -> events.add(e), health, resets::add);

    private static Clock ticking(String at) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(at)));
    }

    @AfterEach
    void stop() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private FinnhubTradeFeed feed(Clock clock) throws Exception {
        server = new FakeStreamServer();
        feed = new FinnhubTradeFeed(URI.create(server.url()), "test-key", sink, CALENDARS,
                s -> SYMBOLS.find(s).map(Listing::market).orElse(null), clock, FAST);
        return feed;
    }

    @Test
    void subscribesWithTheTokenAndTurnsTradesIntoStreamEvents() throws Exception {
        feed(MARKET_OPEN);
        assertThat(feed.subscribe("AAPL")).isTrue();
        assertThat(feed.subscribe("ATW.CSE")).isFalse(); // no confirmed Casablanca coverage
        feed.start();
        await(() -> server.received.contains("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}"), "subscribe frame");
        assertThat(server.uris.get(0)).isEqualTo("/?token=test-key");
        assertThat(feed.state()).isEqualTo(UpstreamFeed.FeedState.LIVE);

        server.send(FakeStreamServer.resource("finnhub/ws_ping.json"));
        server.send(FakeStreamServer.resource("finnhub/ws_trades_aapl.json"));
        await(() -> events.size() == 2, "two trades");
        StreamEvent.Trade first = (StreamEvent.Trade) events.get(0);
        StreamEvent.Trade second = (StreamEvent.Trade) events.get(1);
        assertThat(first.symbol()).isEqualTo("AAPL");
        assertThat(first.price()).isEqualTo(189.51);
        assertThat(first.size()).isEqualTo(100);
        assertThat(first.t()).isEqualTo(1717250431134L);
        assertThat(second.side()).isEqualTo(StreamEvent.Side.BUY); // uptick
        assertThat(second.tradeId()).isGreaterThan(first.tradeId());

        // malformed and off-shape frames are dropped, never published
        server.send("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":\"189.5\",\"t\":1717250431300,\"v\":1}]}");
        server.send("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":-1,\"t\":1717250431300,\"v\":1}]}");
        server.send("{\"type\":\"quote\"}");
        server.send("not json");
        server.send(FakeStreamServer.resource("finnhub/ws_error.json"));
        server.send("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":189.40,\"t\":1717250431400,\"v\":3,\"c\":null}]}");
        await(() -> events.size() == 3, "third trade");
        assertThat(((StreamEvent.Trade) events.get(2)).side()).isEqualTo(StreamEvent.Side.SELL); // downtick
        assertThat(feed.malformedCount()).isEqualTo(4);
        assertThat(feed.vendorErrorCount()).isEqualTo(1);

        feed.unsubscribe("AAPL");
        await(() -> server.received.contains("{\"type\":\"unsubscribe\",\"symbol\":\"AAPL\"}"), "unsubscribe frame");
    }

    @Test
    void aSilentFeedWhileTheMarketIsOpenIsDegradedThenReconnects() throws Exception {
        feed(MARKET_OPEN);
        feed.subscribe("AAPL");
        feed.start();
        await(() -> server.connections.size() == 1 && !server.received.isEmpty(), "connected");
        long start = System.nanoTime();
        // the server says nothing more
        await(() -> health.feedProblem("finnhub").isPresent(), "degraded");
        long degradedAfter = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("FINNHUB FEED silent -> degraded after %d ms (limit %d ms)%n", degradedAfter, FAST.silence().toMillis());
        assertThat(degradedAfter).isBetween(1400L, 4000L);
        assertThat(health.feedProblem("finnhub").orElseThrow()).contains("silent");
        assertThat(statusOf("finnhub")).isEqualTo("degraded");

        await(() -> server.connections.size() == 2, "reconnected");
        await(() -> server.received.size() == 2, "resubscribed");
        assertThat(server.received.get(1)).isEqualTo("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}");
        await(() -> resets.size() == 1, "reset signal");
        assertThat(resets.get(0)).containsExactly("AAPL");
        server.send(FakeStreamServer.resource("finnhub/ws_trades_aapl.json"));
        await(() -> health.feedProblem("finnhub").isEmpty(), "recovered");
        assertThat(statusOf("finnhub")).isEqualTo("up");
        assertThat(feed.reconnectCount()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionReconnectsResubscribesAndSignalsTheReset() throws Exception {
        feed(MARKET_CLOSED);
        feed.subscribe("AAPL");
        feed.subscribe("MSFT");
        feed.start();
        await(() -> server.received.size() == 2, "subscribed");
        server.send(FakeStreamServer.resource("finnhub/ws_trades_aapl.json"));
        await(() -> events.size() == 2, "trades");
        long start = System.nanoTime();
        server.drop();
        await(() -> server.connections.size() == 2 && server.received.size() == 4, "reconnected and resubscribed");
        System.out.printf("FINNHUB FEED dropped -> resubscribed after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        await(() -> resets.size() == 1, "reset signal");
        assertThat(resets.get(0)).containsExactlyInAnyOrder("AAPL", "MSFT");
        assertThat(server.received.subList(2, 4)).containsExactlyInAnyOrder("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}",
                "{\"type\":\"subscribe\",\"symbol\":\"MSFT\"}");
        server.send(FakeStreamServer.resource("finnhub/ws_trades_aapl.json"));
        await(() -> events.size() == 4, "trades after the reconnect");
        assertThat(health.feedProblem("finnhub")).isEmpty();
    }

    @Test
    void silenceWhileTheMarketIsClosedIsNotAProblem() throws Exception {
        feed(MARKET_CLOSED);
        feed.subscribe("AAPL");
        feed.start();
        await(() -> !server.received.isEmpty(), "connected");
        Thread.sleep(FAST.silence().toMillis() * 2);
        assertThat(health.feedProblem("finnhub")).isEmpty();
        assertThat(server.connections).hasSize(1);
        assertThat(feed.state()).isEqualTo(UpstreamFeed.FeedState.LIVE);
    }

    @Test
    void anUnreachableVendorIsDegradedAndRetriedWithBackoff() throws Exception {
        feed(MARKET_OPEN);
        server.close();
        feed.subscribe("AAPL");
        feed.start();
        await(() -> health.feedProblem("finnhub").isPresent(), "degraded");
        assertThat(health.feedProblem("finnhub").orElseThrow()).contains("connection failed");
        assertThat(feed.state()).isIn(UpstreamFeed.FeedState.RECONNECTING, UpstreamFeed.FeedState.CONNECTING);
        server = null;
    }

    private String statusOf(String id) {
        ProviderRegistry registry = new ProviderRegistry(List.of(new FinnhubProvider(
                new VendorConfig(id, "k", URI.create("http://127.0.0.1:1"), 10, Duration.ofSeconds(1)), CALENDARS, Clock.systemUTC())),
                SimulatorMode.OFF);
        return ProviderStatusReport.build(registry, health, ProviderQuotas.unlimited(),
                com.tradesense.marketdata.provider.vendor.VendorProviders.catalogue(com.tradesense.marketdata.config.Settings.NONE)).stream()
                .filter(e -> e.id().equals(id)).findFirst().orElseThrow().state();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
