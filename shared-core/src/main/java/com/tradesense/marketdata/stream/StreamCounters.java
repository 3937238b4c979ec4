package com.tradesense.marketdata.stream;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the stream did, counted where it happens (hub, outboxes, bus) for the operators: the realtime
 * function exports these as the {@code mde_stream_*} metrics of docs/metrics.md. Each count is one
 * {@link LongAdder} add: lock-free, nothing allocated, cheap enough for the publish path (the per-frame
 * fan-out counts are added once per written batch by the writers, not per frame).
 */
public final class StreamCounters {

    /** Why a message did not reach a client (label {@code reason} of {@code mde_stream_dropped_messages_total}). */
    public enum Drop {
        /** The session's data queue was full (level 2 and trades; a fresh snapshot follows). */
        QUEUE_FULL,
        /** A level-1 update replaced by a newer one of the same symbol while the session was behind. */
        CONFLATED,
        /** A level-2 or trade update after a drop, before the fresh snapshot (sending it would leave a gap). */
        AWAITING_SNAPSHOT,
        /** Still queued when the session was closed as a slow consumer (4001). */
        SLOW_CONSUMER,
        /** Still queued when the session closed for another reason (client gone, heartbeat, auth, shutdown). */
        CLOSED,
        /** Services mode: the lease holder's queue towards Redis was full (every pod re-snapshots on the gap). */
        BUS_QUEUE_FULL,
        /** Services mode: Redis failed a batch of frames or was unreachable when it was sent. */
        BUS_FAILED;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        public String wireName() {
            return wireName;
        }
    }

    /** Why a subscriber got a snapshot (or a book reset) again (label {@code reason} of {@code mde_stream_resnapshots_total}). */
    public enum Resnapshot {
        /** Its session dropped frames under back-pressure and caught up: one fresh snapshot per (symbol, channel). */
        LAGGING,
        /** Services mode: a frame from the bus skipped a seq; the pod re-read the state and re-snapshotted its subscribers. */
        GAP,
        /** Services mode: the pod's subscription to Redis was lost and restored; its subscribers were re-snapshotted. */
        BUS_RECONNECT,
        /** A {@code resume} whose frames were no longer held: answered with a snapshot. */
        RESUME,
        /** This process took the upstream lease: every symbol restarts from a book reset (counted per symbol). */
        TAKEOVER,
        /** A real provider feed reconnected: each of its symbols gets a book reset (counted per symbol). */
        VENDOR_RESET;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        public String wireName() {
            return wireName;
        }
    }

    private static final Drop[] DROPS = Drop.values();
    private static final Resnapshot[] RESNAPSHOTS = Resnapshot.values();

    private final LongAdder[] in = adders(Channel.COUNT);
    private final LongAdder[] out = adders(Channel.COUNT);
    private final LongAdder[] subscriptions = adders(Channel.COUNT);
    private final LongAdder[] dropped = adders(Channel.COUNT * DROPS.length);
    private final LongAdder[] resnapshots = adders(Channel.COUNT * RESNAPSHOTS.length);
    private final LongAdder slowConsumerCloses = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /** One message taken in for fan-out on this process (from the upstream, or in services mode from the bus). */
    public void in(Channel channel) {
        in[channel.ordinal()].increment();
    }

    /** {@code n} messages of {@code channel} written to client sockets. */
    public void out(Channel channel, long n) {
        out[channel.ordinal()].add(n);
    }

    /** A subscription of {@code channel} was added (+1) or removed (-1). */
    public void subscriptions(Channel channel, int delta) {
        subscriptions[channel.ordinal()].add(delta);
    }

    public void dropped(Channel channel, Drop reason) {
        dropped[channel.ordinal() * DROPS.length + reason.ordinal()].increment();
    }

    public void dropped(Channel channel, Drop reason, long n) {
        dropped[channel.ordinal() * DROPS.length + reason.ordinal()].add(n);
    }

    public void resnapshot(Channel channel, Resnapshot reason) {
        resnapshots[channel.ordinal() * RESNAPSHOTS.length + reason.ordinal()].increment();
    }

    public void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }

    public long inCount(Channel channel) {
        return in[channel.ordinal()].sum();
    }

    /** Messages taken in over all channels. */
    public long inCount() {
        long n = 0;
        for (LongAdder a : in) {
            n += a.sum();
        }
        return n;
    }

    public long outCount(Channel channel) {
        return out[channel.ordinal()].sum();
    }

    /** Subscriptions of {@code channel} on this process now. */
    public long subscriptionCount(Channel channel) {
        return subscriptions[channel.ordinal()].sum();
    }

    public long droppedCount(Channel channel, Drop reason) {
        return dropped[channel.ordinal() * DROPS.length + reason.ordinal()].sum();
    }

    public long resnapshotCount(Channel channel, Resnapshot reason) {
        return resnapshots[channel.ordinal() * RESNAPSHOTS.length + reason.ordinal()].sum();
    }

    public long slowConsumerCloseCount() {
        return slowConsumerCloses.sum();
    }
}
