package com.tradesense.marketdata.stream;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.MarketPhase;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

public class StreamHubTest {
    /** A Wednesday, 15:00 UTC: NYSE open. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T15:00:00Z"), ZoneOffset.UTC);
    private final StreamHub hub = new StreamHub(SymbolMaster.standard(), MarketCalendars.standard(), CLOCK,
            new TestSeeder(), new StreamHub.Settings(64, 10));

    /** Collects what it is given. */
    public static final class Collector implements Subscriber {
        public final List<Frame> frames = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deliver(Frame frame) {
            frames.add(frame);
        }
    }

    private static StreamEvent.Level1Quote quote(String s, double bid) {
        return new StreamEvent.Level1Quote(s, 1, bid, 1, bid + 0.01, 1, bid, 1, 1);
    }

    private static StreamEvent.Trade trade(String s) {
        return new StreamEvent.Trade(s, 1, 100, 1, StreamEvent.Side.BUY, 1);
    }

    @Test
    void sequencesEachSymbolAndChannelOnItsOwn() {
        Collector c = new Collector();
        hub.subscribe(c, "AAPL", Channel.LEVEL1);
        hub.subscribe(c, "AAPL", Channel.TRADES);
        hub.subscribe(c, "MSFT", Channel.LEVEL1);
        for (int i = 0; i < 5; i++) {
            hub.publish(quote("AAPL", 100 + i));
            hub.publish(trade("AAPL"));
            hub.publish(quote("MSFT", 200 + i));
        }
        hub.publish(quote("AAPL", 50));
        assertThat(seqs(c, "AAPL", Channel.LEVEL1)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(c, "AAPL", Channel.TRADES)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(seqs(c, "MSFT", Channel.LEVEL1)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(c.frames.get(0).snapshot()).isTrue();
        assertThat(c.frames.get(0).text()).startsWith("{\"type\":\"snapshot\",\"channel\":\"level1\",\"symbol\":\"AAPL\",\"seq\":0")
                .contains("\"status\":\"open\"").contains("\"level1\":{");
        assertThat(c.frames.get(3).text()).startsWith("{\"type\":\"level1\",\"symbol\":\"AAPL\",\"seq\":1,");
    }

    @Test
    void aLateSubscriberGetsASnapshotAtTheCurrentSeqThenTheNextUpdates() {
        for (int i = 0; i < 3; i++) {
            hub.publish(quote("AAPL", 100 + i));
        }
        Collector c = new Collector();
        assertThat(hub.subscribe(c, "AAPL", Channel.LEVEL1)).isTrue();
        assertThat(hub.subscribe(c, "AAPL", Channel.LEVEL1)).isTrue(); // twice: nothing more
        hub.publish(quote("AAPL", 104));
        assertThat(c.frames).hasSize(2);
        assertThat(c.frames.get(0).snapshot()).isTrue();
        assertThat(c.frames.get(0).seq()).isEqualTo(3);
        assertThat(c.frames.get(0).text()).contains("\"bid\":102.0");
        assertThat(c.frames.get(1).seq()).isEqualTo(4);
    }

    @Test
    void unknownSymbolsAreRefused() {
        assertThat(hub.subscribe(new Collector(), "NOPE_1", Channel.LEVEL1)).isFalse();
        assertThat(hub.subscribe(new Collector(), "ZZZZZ", Channel.LEVEL1)).isFalse();
        assertThat(hub.publish(quote("ZZZZZ", 1))).isFalse();
    }

    @Test
    void resumeReplaysFromHistoryWithoutGapsOrDuplicates() {
        Collector first = new Collector();
        hub.subscribe(first, "AAPL", Channel.TRADES);
        for (int i = 0; i < 10; i++) {
            hub.publish(trade("AAPL"));
        }
        long lastSeen = first.frames.get(first.frames.size() - 1).seq();
        hub.unsubscribe(first, "AAPL", Channel.TRADES); // the client drops
        for (int i = 0; i < 7; i++) {
            hub.publish(trade("AAPL")); // missed while away
        }
        Collector again = new Collector();
        StreamHub.ResumeResult r = hub.resume(again, "AAPL", Channel.TRADES, lastSeen + 1).orElseThrow();
        hub.publish(trade("AAPL"));
        assertThat(r.snapshot()).isFalse();
        assertThat(r.replayed()).isEqualTo(7);
        List<Long> all = new ArrayList<>(seqs(first, "AAPL", Channel.TRADES).subList(1, 11));
        all.addAll(seqs(again, "AAPL", Channel.TRADES));
        assertThat(all).containsExactlyElementsOf(range(1, 18));
        // live frames carry their event time for the latency metric; replayed history does not (late on purpose)
        assertThat(first.frames.get(1).eventTime()).isEqualTo(1);
        assertThat(again.frames.subList(0, 7)).allMatch(f -> f.eventTime() == Frame.NO_EVENT_TIME);
        assertThat(again.frames.get(7).eventTime()).isEqualTo(1);
        assertThat(first.frames.get(0).eventTime()).as("a snapshot").isEqualTo(Frame.NO_EVENT_TIME);
    }

    @Test
    void theCountersFollowWhatTheHubDid() {
        StreamCounters n = hub.counters();
        Collector a = new Collector();
        Collector b = new Collector();
        hub.subscribe(a, "AAPL", Channel.LEVEL1);
        hub.subscribe(a, "AAPL", Channel.LEVEL1); // already: not counted twice
        hub.subscribe(b, "AAPL", Channel.LEVEL1);
        hub.subscribeMarket(b, Market.NYSE, Channel.STATUS);
        assertThat(n.subscriptionCount(Channel.LEVEL1)).isEqualTo(2);
        assertThat(n.subscriptionCount(Channel.STATUS)).isEqualTo(1);
        hub.publish(quote("AAPL", 100));
        hub.publish(quote("AAPL", 101));
        hub.publish(trade("AAPL"));
        assertThat(n.inCount(Channel.LEVEL1)).as("once per event, whatever the fan-out").isEqualTo(2);
        assertThat(n.inCount(Channel.TRADES)).isEqualTo(1);
        assertThat(hub.publishedCount()).isEqualTo(3);
        assertThat(hub.resnapshot(a, "AAPL", Channel.LEVEL1)).isTrue();
        assertThat(n.resnapshotCount(Channel.LEVEL1, StreamCounters.Resnapshot.LAGGING)).isEqualTo(1);
        hub.unsubscribe(a, "AAPL", Channel.LEVEL1);
        hub.unsubscribeMarket(b, Market.NYSE, Channel.STATUS);
        assertThat(n.subscriptionCount(Channel.LEVEL1)).isEqualTo(1);
        assertThat(n.subscriptionCount(Channel.STATUS)).isZero();
        hub.resume(new Collector(), "AAPL", Channel.LEVEL1, 1_000);
        assertThat(n.resnapshotCount(Channel.LEVEL1, StreamCounters.Resnapshot.RESUME)).isEqualTo(1);
        assertThat(n.subscriptionCount(Channel.LEVEL1)).isEqualTo(2);
    }

    @Test
    void resumeTooFarBackGetsAFreshSnapshot() {
        for (int i = 0; i < 100; i++) {
            hub.publish(trade("AAPL")); // history holds 64
        }
        Collector c = new Collector();
        StreamHub.ResumeResult r = hub.resume(c, "AAPL", Channel.TRADES, 5).orElseThrow();
        assertThat(r.snapshot()).isTrue();
        assertThat(c.frames).hasSize(1);
        assertThat(c.frames.get(0).snapshot()).isTrue();
        assertThat(c.frames.get(0).seq()).isEqualTo(100);
        // within history: exactly from there
        Collector d = new Collector();
        assertThat(hub.resume(d, "AAPL", Channel.TRADES, 40).orElseThrow().replayed()).isEqualTo(61);
        assertThat(d.frames.get(0).seq()).isEqualTo(40);
        // from the future: a snapshot too
        assertThat(hub.resume(new Collector(), "AAPL", Channel.TRADES, 1_000).orElseThrow().snapshot()).isTrue();
    }

    @Test
    void bookDeltasApplyAndACrossingDeltaIsRefused() {
        Collector c = new Collector();
        hub.subscribe(c, "AAPL", Channel.LEVEL2);
        assertThat(c.frames.get(0).text()).contains("\"book\":{\"bids\":[[100.0,100],[99.99,100]");
        assertThat(hub.publish(new StreamEvent.BookDelta("AAPL", 1, List.of(new PriceLevel(100.0, 0)), List.of()))).isTrue();
        OrderBook b = new OrderBook(10);
        hub.copyBook("AAPL", b);
        assertThat(b.bestBid()).isEqualTo(99.99);
        // a bid above the best ask would cross: refused, book unchanged, no seq spent
        assertThat(hub.publish(new StreamEvent.BookDelta("AAPL", 1, List.of(new PriceLevel(100.05, 1)), List.of()))).isFalse();
        assertThat(hub.crossedRejectedCount()).isEqualTo(1);
        hub.copyBook("AAPL", b);
        assertThat(b.bestBid()).isEqualTo(99.99);
        assertThat(hub.lastSeq("AAPL", Channel.LEVEL2)).isEqualTo(1);
        // an upstream reset replaces the book and is sequenced like any update
        hub.publish(new StreamEvent.BookSnapshot("AAPL", 1, List.of(new PriceLevel(50, 1)), List.of(new PriceLevel(51, 1))));
        hub.copyBook("AAPL", b);
        assertThat(b.bids()).containsExactly(new PriceLevel(50, 1));
        Frame last = c.frames.get(c.frames.size() - 1);
        assertThat(last.seq()).isEqualTo(2);
        assertThat(last.text()).isEqualTo("{\"type\":\"level2\",\"symbol\":\"AAPL\",\"seq\":2,\"t\":1,\"reset\":true,\"bids\":[[50.0,1]],\"asks\":[[51.0,1]]}");
    }

    @Test
    void marketStatusReachesEverySymbolOfTheMarketAndTheMarketStream() {
        Collector c = new Collector();
        hub.subscribe(c, "AAPL", Channel.STATUS); // NASDAQ
        hub.subscribeMarket(c, Market.NASDAQ, Channel.STATUS);
        hub.subscribe(c, "ATW.CSE", Channel.STATUS);
        hub.publish(new StreamEvent.StatusChange(null, Market.NASDAQ, 5, MarketPhase.POST_MARKET, null));
        hub.publish(new StreamEvent.StatusChange("AAPL", Market.NASDAQ, 6, MarketPhase.HALTED, "news pending"));
        List<String> texts = c.frames.stream().filter(f -> !f.snapshot()).map(Frame::text).toList();
        assertThat(texts).containsExactlyInAnyOrder(
                "{\"type\":\"status\",\"symbol\":\"NASDAQ\",\"seq\":1,\"t\":5,\"market\":\"NASDAQ\",\"status\":\"post_market\",\"reason\":null}",
                "{\"type\":\"status\",\"symbol\":\"AAPL\",\"seq\":1,\"t\":5,\"market\":\"NASDAQ\",\"status\":\"post_market\",\"reason\":null}",
                "{\"type\":\"status\",\"symbol\":\"AAPL\",\"seq\":2,\"t\":6,\"market\":\"NASDAQ\",\"status\":\"halted\",\"reason\":\"news pending\"}");
        Collector late = new Collector();
        hub.subscribe(late, "AAPL", Channel.STATUS);
        assertThat(late.frames.get(0).text()).contains("\"status\":\"halted\"");
    }

    @Test
    void concurrentPublishingNeverBreaksASubscribersSequence() throws Exception {
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                hub.publish(quote("AAPL", 100 + (i % 50)));
            }
        });
        publisher.start();
        List<Collector> subs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Collector c = new Collector();
            hub.subscribe(c, "AAPL", Channel.LEVEL1);
            subs.add(c);
            Thread.sleep(0, 200_000);
        }
        publisher.join();
        for (Collector c : subs) {
            List<Long> s = seqs(c, "AAPL", Channel.LEVEL1);
            assertThat(c.frames.get(0).snapshot()).isTrue();
            assertThat(s).containsExactlyElementsOf(range(s.get(0), 20_000));
        }
    }

    @Test
    void activeSymbolsFollowSubscriptions() {
        Collector c = new Collector();
        hub.subscribe(c, "AAPL", Channel.LEVEL1);
        hub.subscribe(c, "AAPL", Channel.TRADES);
        assertThat(hub.activeSymbols()).containsExactly("AAPL");
        hub.unsubscribe(c, "AAPL", Channel.LEVEL1);
        assertThat(hub.activeSymbols()).containsExactly("AAPL");
        hub.unsubscribe(c, "AAPL", Channel.TRADES);
        assertThat(hub.activeSymbols()).isEmpty();
    }

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    public static List<Long> seqs(Collector c, String symbol, Channel ch) {
        List<Long> out = new ArrayList<>();
        for (Frame f : List.copyOf(c.frames)) {
            if (f.symbol().equals(symbol) && f.channel() == ch) {
                Matcher m = SEQ.matcher(f.text());
                assertThat(m.find()).isTrue();
                assertThat(Long.parseLong(m.group(1))).isEqualTo(f.seq());
                out.add(f.seq());
            }
        }
        return out;
    }

    public static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> out = new ArrayList<>();
        for (long i = fromInclusive; i <= toInclusive; i++) {
            out.add(i);
        }
        return out;
    }
}
