package com.tradesense.marketdata.provider.stream;

import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.provider.simulator.StreamSimulator;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Finnhub feed switched on from the environment and wired to a real hub: a client subscribing to AAPL
 * trades makes the feed subscribe upstream, the vendor's trade reaches the client as a sequenced frame, the
 * simulator steps aside for AAPL (no mixed data) and keeps Casablanca, and unsubscribing goes upstream too.
 */
class UpstreamFeedsTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private static final SymbolMaster SYMBOLS = SymbolMaster.standard();
    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2026-06-01T15:00:00Z")));
    private final RouterHealth health = RouterHealth.withDefaults(Clock.systemUTC());
    private FakeStreamServer server;
    private UpstreamFeeds feeds;

    @AfterEach
    void stop() throws Exception {
        if (feeds != null) {
            feeds.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clientsSubscriptionsDriveTheFeedAndItsTradesReachThem() throws Exception {
        server = new FakeStreamServer();
        StreamSimulator sim = new StreamSimulator(new SimulatorProvider(CALENDARS, clock), CALENDARS, clock,
                new StreamSimulator.Settings(50, 10_000, true, 10, 0));
        StreamHub hub = new StreamHub(SYMBOLS, CALENDARS, clock, sim, StreamHub.Settings.DEFAULT);
        sim.attach(hub);
        feeds = UpstreamFeeds.fromEnvironment(Map.of("MDE_PROVIDER_FINNHUB_API_KEY", "test-key",
                "MDE_PROVIDER_FINNHUB_STREAM_ENABLED", "true", "MDE_PROVIDER_FINNHUB_STREAM_URL", server.url()),
                new EngineFeedSink(hub, health, symbols -> { }), CALENDARS, SYMBOLS, clock);
        sim.stepAsideFor(feeds::covers);

        List<Frame> frames = new CopyOnWriteArrayList<>();
        hub.subscribe(frames::add, "AAPL", Channel.TRADES);
        hub.subscribe(frames::add, "ATW.CSE", Channel.TRADES);
        feeds.start(hub::activeSymbols, Duration.ofMillis(50));
        await(() -> server.received.contains("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}"), "upstream subscribe");
        assertThat(feeds.covers("AAPL")).isTrue();
        assertThat(feeds.covers("ATW.CSE")).isFalse();

        int before = frames.size();
        long now = clock.millis();
        for (int i = 1; i <= 20; i++) {
            sim.step(now + i * 100L); // 2 s of simulation: the simulator leaves AAPL to the real feed
        }
        assertThat(frames.subList(before, frames.size())).noneMatch(f -> f.symbol().equals("AAPL"));
        sim.stepAsideFor(s -> false); // the control: without a real feed it would have simulated AAPL
        for (int i = 21; i <= 40; i++) {
            sim.step(now + i * 100L);
        }
        assertThat(frames.subList(before, frames.size())).anyMatch(f -> f.symbol().equals("AAPL"));
        sim.stepAsideFor(feeds::covers);
        frames.clear();

        server.send(FakeStreamServer.resource("finnhub/ws_trades_aapl.json"));
        await(() -> frames.stream().filter(f -> f.symbol().equals("AAPL")).count() == 2, "two AAPL trade frames");
        Frame first = frames.stream().filter(f -> f.symbol().equals("AAPL")).findFirst().orElseThrow();
        assertThat(first.text()).contains("\"price\":189.51", "\"size\":100", "\"t\":1717250431134");

        feeds.sync(java.util.Set.of("ATW.CSE")); // clients left AAPL
        await(() -> server.received.contains("{\"type\":\"unsubscribe\",\"symbol\":\"AAPL\"}"), "upstream unsubscribe");
    }

    @Test
    void switchedOffByDefaultAndAKeyIsRequired() {
        assertThat(UpstreamFeeds.fromEnvironment(Map.of("MDE_PROVIDER_FINNHUB_API_KEY", "k"), new EngineFeedSink(e -> true, health, s -> { }),
                CALENDARS, SYMBOLS, clock).isEmpty()).isTrue();
        assertThatThrownBy(() -> UpstreamFeeds.fromEnvironment(Map.of("MDE_PROVIDER_FINNHUB_STREAM_ENABLED", "true"),
                new EngineFeedSink(e -> true, health, s -> { }), CALENDARS, SYMBOLS, clock)).hasMessageContaining("MDE_PROVIDER_FINNHUB_API_KEY");
    }

    @Test
    void theKeyMayComeFromAMountedFileAsForTheRestAdapter() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("finnhub-key", ".txt");
        try {
            java.nio.file.Files.writeString(file, "file-key\n");
            UpstreamFeeds fromFile = UpstreamFeeds.fromEnvironment(Map.of("MDE_PROVIDER_FINNHUB_STREAM_ENABLED", "true",
                            "MDE_PROVIDER_FINNHUB_API_KEY_FILE", file.toString()),
                    new EngineFeedSink(e -> true, health, s -> { }), CALENDARS, SYMBOLS, clock);
            assertThat(fromFile.isEmpty()).isFalse();
            // the key is a secret from now on: masked wherever it would be logged
            assertThat(com.tradesense.marketdata.secrets.Redaction.redact("wss://ws.finnhub.io?x=file-key")).doesNotContain("file-key");
            fromFile.close();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertThatThrownBy(() -> UpstreamFeeds.fromEnvironment(Map.of("MDE_PROVIDER_FINNHUB_STREAM_ENABLED", "true",
                        "MDE_PROVIDER_FINNHUB_API_KEY_FILE", "/nonexistent/finnhub-key"),
                new EngineFeedSink(e -> true, health, s -> { }), CALENDARS, SYMBOLS, clock))
                .hasMessageContaining("API_KEY_FILE").hasMessageNotContaining("file-key");
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
