package com.tradesense.marketdata.realtime.metrics;

import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.StreamCounters;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The writers' side of the stream metrics: counts per batch, one live frame in N timed, nothing else timed. */
class StreamMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamCounters counters = new StreamCounters();

    private static Frame live(Channel ch, long t) {
        return new Frame(ch, "AAPL", 1, false, t, "{}");
    }

    private Timer latency(Channel ch) {
        return registry.get("mde.stream.delivery.latency").tag("channel", ch.wireName()).timer();
    }

    @Test
    void everyFrameIsCountedAtTheFlushAndOneLiveFrameInNIsTimed() {
        StreamMetrics m = new StreamMetrics(registry, counters, 4);
        StreamMetrics.Tally t = new StreamMetrics.Tally();
        long now = 1_000_000;
        for (int i = 0; i < 8; i++) {
            m.written(t, live(Channel.LEVEL1, now - 30), now);
        }
        m.written(t, new Frame(Channel.LEVEL1, "AAPL", 9, true, "{}"), now); // a snapshot: counted, never timed
        m.written(t, live(Channel.TRADES, now - 7).replayed(), now); // replayed history: counted, never timed
        assertThat(counters.outCount(Channel.LEVEL1)).as("added at the flush, not per frame").isZero();
        m.flush(t);
        assertThat(counters.outCount(Channel.LEVEL1)).isEqualTo(9);
        assertThat(counters.outCount(Channel.TRADES)).isEqualTo(1);
        assertThat(latency(Channel.LEVEL1).count()).as("frames 1 and 5 of 8").isEqualTo(2);
        assertThat(latency(Channel.LEVEL1).mean(TimeUnit.MILLISECONDS)).isEqualTo(30);
        assertThat(latency(Channel.TRADES).count()).isZero();
        m.flush(t);
        assertThat(counters.outCount(Channel.LEVEL1)).as("a flush adds each frame once").isEqualTo(9);
    }

    @Test
    void anEventTimeAheadOfTheLocalClockCountsAsNoDelay() {
        StreamMetrics m = new StreamMetrics(registry, counters, 1);
        StreamMetrics.Tally t = new StreamMetrics.Tally();
        m.written(t, live(Channel.LEVEL2, 2_000), 1_000);
        assertThat(latency(Channel.LEVEL2).count()).isEqualTo(1);
        assertThat(latency(Channel.LEVEL2).max(TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void everyLabelCombinationExistsFromTheStart() {
        new StreamMetrics(registry, counters, 16);
        for (Channel ch : Channel.values()) {
            assertThat(registry.find("mde.stream.messages").tags("channel", ch.wireName(), "direction", "out").functionCounter()).isNotNull();
            assertThat(registry.find("mde.stream.messages").tags("channel", ch.wireName(), "direction", "in").functionCounter()).isNotNull();
            assertThat(registry.find("mde.stream.subscriptions").tag("channel", ch.wireName()).gauge()).isNotNull();
            for (StreamCounters.Drop r : StreamCounters.Drop.values()) {
                assertThat(registry.find("mde.stream.dropped.messages").tags("channel", ch.wireName(), "reason", r.wireName())
                        .functionCounter()).isNotNull();
            }
            for (StreamCounters.Resnapshot r : StreamCounters.Resnapshot.values()) {
                assertThat(registry.find("mde.stream.resnapshots").tags("channel", ch.wireName(), "reason", r.wireName())
                        .functionCounter()).isNotNull();
            }
        }
        counters.dropped(Channel.TRADES, StreamCounters.Drop.QUEUE_FULL);
        assertThat(registry.get("mde.stream.dropped.messages").tags("channel", "trades", "reason", "queue_full")
                .functionCounter().count()).isEqualTo(1);
    }
}
