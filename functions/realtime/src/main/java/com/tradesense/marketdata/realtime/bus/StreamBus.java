package com.tradesense.marketdata.realtime.bus;

import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.stream.Subscriber;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where a session's {@code resume} is served from: this process's hub alone (standalone), or in services
 * mode the hub topped up with older frames from the Redis Streams history, so a client can resume on any pod.
 */
public interface StreamBus {

    /**
     * Replays {@code fromSeq..} of (key, channel) to {@code s} (or sends a snapshot when that history is
     * gone) and subscribes it; {@code done} runs on {@code onSession} right after the frames were queued.
     */
    void resume(Subscriber s, String key, Channel channel, long fromSeq, Executor onSession,
                Consumer<StreamHub.ResumeResult> done);

    /**
     * How far behind the bus is, in seconds: in services mode the time from the lease holder's publish into
     * Redis to receipt here ({@link RedisStreamBus#lagSeconds()}); the in-process bus of standalone has none.
     */
    default double lagSeconds() {
        return 0;
    }

    /** Standalone: the hub is the bus. */
    static StreamBus local(StreamHub hub) {
        return (s, key, channel, fromSeq, onSession, done) -> done.accept(hub.resume(s, key, channel, fromSeq).orElseThrow());
    }
}
