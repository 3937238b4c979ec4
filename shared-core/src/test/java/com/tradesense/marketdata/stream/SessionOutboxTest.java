package com.tradesense.marketdata.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SessionOutboxTest {
    private final AtomicInteger wakeups = new AtomicInteger();
    private final StreamCounters counters = new StreamCounters();
    private final SessionOutbox box = new SessionOutbox(4, 8, wakeups::incrementAndGet, counters);

    private static Frame f(Channel ch, String symbol, long seq) {
        return new Frame(ch, symbol, seq, false, ch.wireName() + ":" + symbol + ":" + seq);
    }

    private static Frame snap(Channel ch, String symbol, long seq) {
        return new Frame(ch, symbol, seq, true, "snapshot:" + ch.wireName() + ":" + symbol + ":" + seq);
    }

    private List<String> drainAll() {
        List<String> out = new ArrayList<>();
        Object[] buf = new Object[3];
        int n;
        while ((n = box.drain(buf, buf.length)) > 0) {
            for (int i = 0; i < n; i++) {
                out.add(buf[i] instanceof Frame f ? f.text() : (String) buf[i]);
            }
        }
        return out;
    }

    @Test
    void controlGoesFirstThenDataInOrderAndOneWakeupPerDrain() {
        box.deliver(f(Channel.TRADES, "A", 1));
        box.offerControl("ack");
        box.deliver(f(Channel.TRADES, "A", 2));
        assertThat(wakeups).hasValue(1);
        assertThat(drainAll()).containsExactly("ack", "trades:A:1", "trades:A:2");
        box.deliver(f(Channel.TRADES, "A", 3));
        assertThat(wakeups).hasValue(2);
    }

    @Test
    void levelOneConflatesToTheLatestValuePerSymbolWhenFull() {
        for (int i = 1; i <= 4; i++) {
            box.deliver(f(Channel.TRADES, "A", i));
        }
        for (int i = 1; i <= 10; i++) {
            box.deliver(f(Channel.LEVEL1, "A", i));
            box.deliver(f(Channel.LEVEL1, "B", i));
        }
        assertThat(box.laggingFor(System.nanoTime())).isPositive();
        assertThat(box.conflatedCount()).isEqualTo(18);
        assertThat(counters.droppedCount(Channel.LEVEL1, StreamCounters.Drop.CONFLATED)).isEqualTo(18);
        assertThat(drainAll()).containsExactly("trades:A:1", "trades:A:2", "trades:A:3", "trades:A:4",
                "level1:A:10", "level1:B:10");
        assertThat(box.laggingFor(System.nanoTime())).isZero();
        box.deliver(f(Channel.LEVEL1, "A", 11)); // room again: queued normally
        assertThat(drainAll()).containsExactly("level1:A:11");
    }

    @Test
    void tradesAndBooksDropThenResnapshotAndFlowAgain() {
        for (int i = 1; i <= 4; i++) {
            box.deliver(f(Channel.LEVEL2, "A", i));
        }
        box.deliver(f(Channel.LEVEL2, "A", 5)); // full: dropped, A/level2 turns stale
        box.deliver(f(Channel.TRADES, "B", 1)); // full: dropped too
        assertThat(box.droppedCount()).isEqualTo(2);
        assertThat(box.resnapshotsDue()).isEmpty(); // not while still full
        Object[] buf = new Object[4];
        assertThat(box.drain(buf, 4)).isEqualTo(4);
        box.deliver(f(Channel.LEVEL2, "A", 6)); // still stale: dropped, no gap reaches the client
        assertThat(box.resnapshotsDue()).containsExactly(new SessionOutbox.Key("A", Channel.LEVEL2),
                new SessionOutbox.Key("B", Channel.TRADES));
        assertThat(box.resnapshotsDue()).isEmpty(); // asked once
        assertThat(box.laggingFor(System.nanoTime())).isPositive();
        box.deliver(snap(Channel.LEVEL2, "A", 6));
        box.deliver(f(Channel.LEVEL2, "A", 7));
        box.forget(new SessionOutbox.Key("B", Channel.TRADES)); // e.g. unsubscribed meanwhile
        assertThat(drainAll()).containsExactly("snapshot:level2:A:6", "level2:A:7");
        assertThat(counters.droppedCount(Channel.LEVEL2, StreamCounters.Drop.QUEUE_FULL)).isEqualTo(1);
        assertThat(counters.droppedCount(Channel.TRADES, StreamCounters.Drop.QUEUE_FULL)).isEqualTo(1);
        assertThat(counters.droppedCount(Channel.LEVEL2, StreamCounters.Drop.AWAITING_SNAPSHOT)).isEqualTo(1);
        assertThat(box.laggingFor(System.nanoTime())).isZero();
    }

    @Test
    void theRingGrowsOnDemandAndKeepsTheOrder() {
        SessionOutbox big = new SessionOutbox(200, 8, () -> { });
        List<String> expected = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Object[] buf = new Object[7];
        int next = 1;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 30; i++, next++) {
                big.deliver(f(Channel.TRADES, "A", next));
                expected.add("trades:A:" + next);
            }
            // partial drains move the head around the ring while it grows
            int n = big.drain(buf, buf.length);
            for (int i = 0; i < n; i++) {
                out.add(((Frame) buf[i]).text());
            }
        }
        int n;
        while ((n = big.drain(buf, buf.length)) > 0) {
            for (int i = 0; i < n; i++) {
                out.add(((Frame) buf[i]).text());
            }
        }
        assertThat(big.droppedCount()).isZero();
        assertThat(out).containsExactlyElementsOf(expected);
    }

    @Test
    void whatIsStillQueuedAtACloseIsCountedUnderTheReasonForTheClose() {
        box.deliver(f(Channel.TRADES, "A", 1));
        box.deliver(f(Channel.LEVEL2, "A", 1));
        box.deliver(f(Channel.TRADES, "A", 2));
        box.close(StreamCounters.Drop.SLOW_CONSUMER);
        box.close(StreamCounters.Drop.CLOSED); // once closed, nothing more is counted
        assertThat(counters.droppedCount(Channel.TRADES, StreamCounters.Drop.SLOW_CONSUMER)).isEqualTo(2);
        assertThat(counters.droppedCount(Channel.LEVEL2, StreamCounters.Drop.SLOW_CONSUMER)).isEqualTo(1);
        assertThat(counters.droppedCount(Channel.TRADES, StreamCounters.Drop.CLOSED)).isZero();
    }

    @Test
    void aFullControlQueueIsRefusedAndACloseDropsEverything() {
        for (int i = 0; i < 8; i++) {
            assertThat(box.offerControl("c" + i)).isTrue();
        }
        assertThat(box.offerControl("c9")).isFalse();
        box.close();
        box.deliver(f(Channel.TRADES, "A", 1));
        assertThat(box.hasPending()).isFalse();
    }
}
