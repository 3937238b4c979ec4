package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.stream.StreamHubTest;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.stream.StreamEvent;
import com.tradesense.marketdata.stream.OrderBook;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class StreamSimulatorTest {
    private static final Instant WEDNESDAY_OPEN = Instant.parse("2026-11-25T14:30:00Z"); // 09:30 New York
    private static final Instant SATURDAY = Instant.parse("2026-11-28T15:00:00Z");

    private final AtomicLong now = new AtomicLong();
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    private StreamHub hubWith(StreamSimulator sim) {
        StreamHub hub = new StreamHub(SymbolMaster.standard(), MarketCalendars.standard(), clock, sim, StreamHub.Settings.DEFAULT);
        sim.attach(hub);
        return hub;
    }

    private StreamSimulator sim(boolean followCalendar) {
        return new StreamSimulator(new SimulatorProvider(MarketCalendars.standard(), clock), MarketCalendars.standard(), clock,
                new StreamSimulator.Settings(50, 10_000, followCalendar, 10, 0));
    }

    @Test
    void streamsWhileTheMarketIsOpenWithPricesOfTheHistoricalMagnitudeAndConsistentBooks() {
        now.set(WEDNESDAY_OPEN.plusSeconds(3600).toEpochMilli());
        StreamSimulator sim = sim(true);
        StreamHub hub = hubWith(sim);
        StreamHubTest.Collector c = new StreamHubTest.Collector();
        for (Channel ch : List.of(Channel.LEVEL1, Channel.LEVEL2, Channel.TRADES)) {
            hub.subscribe(c, "AAPL", ch);
        }
        double start = hub.level1("AAPL").last();
        assertThat(start).isBetween(50.0, 1_000.0);
        for (int i = 1; i <= 200; i++) {
            sim.step(now.addAndGet(10));
        }
        // 50 updates/s for 2 s
        assertThat(hub.publishedCount()).isBetween(80L, 130L);
        for (Channel ch : List.of(Channel.LEVEL1, Channel.LEVEL2, Channel.TRADES)) {
            List<Long> seqs = StreamHubTest.seqs(c, "AAPL", ch);
            assertThat(seqs).as(ch.wireName()).hasSizeGreaterThan(1);
            assertThat(seqs).containsExactlyElementsOf(StreamHubTest.range(0, seqs.size() - 1));
        }
        // the client's book, rebuilt from the snapshot and the deltas, equals the hub's
        OrderBook client = new OrderBook(10);
        Pattern level = Pattern.compile("\\[([0-9.]+),(\\d+)]");
        for (Frame f : c.frames) {
            if (f.channel() != Channel.LEVEL2) {
                continue;
            }
            String text = f.text();
            int asks = text.indexOf("\"asks\"");
            if (f.snapshot()) {
                client.clear();
            }
            Matcher m = level.matcher(text);
            while (m.find()) {
                client.set(m.start() < asks, Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        OrderBook server = new OrderBook(10);
        hub.copyBook("AAPL", server);
        assertThat(client.sameAs(server)).isTrue();
        assertThat(server.crossed()).isFalse();
        assertThat(hub.crossedRejectedCount()).isZero();
        StreamEvent.Level1Quote q = hub.level1("AAPL");
        assertThat(q.bid()).isEqualTo(server.bestBid());
        assertThat(q.ask()).isEqualTo(server.bestAsk());
        assertThat(Math.abs(q.bid() / start - 1)).isLessThan(0.05);
    }

    @Test
    void isSilentWhileTheMarketIsClosedButTheSnapshotStillHasTheLastPrice() {
        now.set(SATURDAY.toEpochMilli());
        StreamSimulator sim = sim(true);
        StreamHub hub = hubWith(sim);
        StreamHubTest.Collector c = new StreamHubTest.Collector();
        hub.subscribe(c, "AAPL", Channel.LEVEL1);
        hub.subscribe(c, "ATW.CSE", Channel.LEVEL1);
        for (int i = 1; i <= 100; i++) {
            sim.step(now.addAndGet(10));
        }
        assertThat(hub.publishedCount()).isZero();
        assertThat(c.frames).hasSize(2);
        assertThat(c.frames.get(0).text()).contains("\"status\":\"closed\"").containsPattern("\"last\":[0-9]");
        // unless told to ignore the calendar (load tests at night)
        StreamSimulator always = sim(false);
        StreamHub hub2 = hubWith(always);
        hub2.subscribe(new StreamHubTest.Collector(), "AAPL", Channel.LEVEL1);
        for (int i = 1; i <= 100; i++) {
            always.step(now.addAndGet(10));
        }
        assertThat(hub2.publishedCount()).isPositive();
    }

    @Test
    void publishesTheOpeningBellAtTheRightInstant() {
        now.set(WEDNESDAY_OPEN.minusMillis(20).toEpochMilli());
        StreamSimulator sim = sim(true);
        StreamHub hub = hubWith(sim);
        StreamHubTest.Collector c = new StreamHubTest.Collector();
        hub.subscribe(c, "AAPL", Channel.STATUS);
        sim.step(now.get());
        sim.step(now.addAndGet(10));
        assertThat(c.frames).hasSize(1);
        assertThat(c.frames.get(0).text()).contains("\"status\":\"pre_market\"");
        sim.step(now.addAndGet(10)); // 09:30:00.000
        assertThat(c.frames).hasSize(2);
        assertThat(c.frames.get(1).text()).isEqualTo("{\"type\":\"status\",\"symbol\":\"AAPL\",\"seq\":1,\"t\":"
                + WEDNESDAY_OPEN.toEpochMilli() + ",\"market\":\"NASDAQ\",\"status\":\"open\",\"reason\":null}");
    }

    @Test
    void haltsASymbolNowAndThenAndReopensItWithAFreshBook() {
        now.set(WEDNESDAY_OPEN.plusSeconds(3600).toEpochMilli());
        // about one halt a second, each lasting 2 s
        StreamSimulator sim = new StreamSimulator(new SimulatorProvider(MarketCalendars.standard(), clock), MarketCalendars.standard(),
                clock, new StreamSimulator.Settings(50, 10_000, true, 10, 0, 23_400, 2));
        StreamHub hub = hubWith(sim);
        StreamHubTest.Collector c = new StreamHubTest.Collector();
        for (Channel ch : List.of(Channel.STATUS, Channel.LEVEL1, Channel.LEVEL2, Channel.TRADES)) {
            hub.subscribe(c, "AAPL", ch);
        }
        int halted = -1;
        for (int i = 1; i <= 1_000 && halted < 0; i++) {
            sim.step(now.addAndGet(10));
            for (int j = 0; j < c.frames.size(); j++) {
                if (!c.frames.get(j).snapshot() && c.frames.get(j).text().contains("\"status\":\"halted\"")) {
                    halted = j;
                }
            }
        }
        assertThat(halted).as("a halt within 10 s").isPositive();
        int framesAtHalt = c.frames.size();
        // a client arriving during the halt sees it in its snapshot
        StreamHubTest.Collector late = new StreamHubTest.Collector();
        hub.subscribe(late, "AAPL", Channel.LEVEL1);
        assertThat(late.frames.get(0).text()).contains("\"status\":\"halted\"");
        for (int i = 0; i < 150; i++) {
            sim.step(now.addAndGet(10));
        }
        assertThat(c.frames).as("nothing trades during the halt").hasSize(framesAtHalt);
        for (int i = 0; i < 100; i++) {
            sim.step(now.addAndGet(10));
        }
        List<Frame> after = c.frames.subList(framesAtHalt, c.frames.size());
        assertThat(after.get(0).text()).contains("\"type\":\"status\"").contains("\"status\":\"open\"")
                .contains("resumed after halt");
        assertThat(after.get(1).text()).contains("\"type\":\"level2\"").contains("\"reset\":true");
        assertThat(after.size()).isGreaterThan(5);
        for (Channel ch : List.of(Channel.STATUS, Channel.LEVEL1, Channel.LEVEL2)) {
            List<Long> seqs = StreamHubTest.seqs(c, "AAPL", ch);
            assertThat(seqs).containsExactlyElementsOf(StreamHubTest.range(0, seqs.size() - 1));
        }
    }

    @Test
    void aSymbolsHeadlinesReachItsMarketsNewsSubscribersUnderTheSymbolsOwnSeq() {
        now.set(WEDNESDAY_OPEN.plusSeconds(3600).toEpochMilli());
        StreamSimulator sim = new StreamSimulator(new SimulatorProvider(MarketCalendars.standard(), clock), MarketCalendars.standard(),
                clock, new StreamSimulator.Settings(5, 10_000, true, 10, 3_600 * 20, 0, 60));
        StreamHub hub = hubWith(sim);
        StreamHubTest.Collector bySymbol = new StreamHubTest.Collector();
        StreamHubTest.Collector byMarket = new StreamHubTest.Collector();
        hub.subscribe(bySymbol, "AAPL", Channel.NEWS);
        hub.subscribeMarket(byMarket, com.tradesense.marketdata.domain.Market.NASDAQ, Channel.NEWS);
        for (int i = 0; i < 100; i++) {
            sim.step(now.addAndGet(10));
        }
        List<Frame> symbolNews = bySymbol.frames.stream().filter(f -> !f.snapshot()).toList();
        List<Frame> marketNews = byMarket.frames.stream().filter(f -> !f.snapshot()).toList();
        assertThat(symbolNews).hasSizeGreaterThan(3);
        assertThat(marketNews).containsExactlyElementsOf(symbolNews);
        assertThat(marketNews.get(0).text()).contains("\"type\":\"news\",\"symbol\":\"AAPL\",\"seq\":1,");
    }
}
