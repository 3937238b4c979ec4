package com.tradesense.marketdata.realtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the WebSocket stream, keys {@code mde.stream.*} (environment {@code MDE_STREAM_*}). */
@ConfigMapping(prefix = "mde.stream")
public interface StreamConfig {

    /** Longest client message handled, in characters; a longer one gets an error {@code message_too_large}. */
    @WithDefault("16384")
    int maxMessageChars();

    /** Most symbols (plus markets) in one subscribe/unsubscribe; more gets an error {@code too_many_symbols}. */
    @WithDefault("100")
    int maxSymbolsPerRequest();

    /** Most (symbol, channel) subscriptions per connection; past it symbols are rejected with "limit reached". */
    @WithDefault("500")
    int maxSubscriptions();

    /** Data frames queued per connection before the slow-consumer policy applies. */
    @WithDefault("4096")
    int sessionQueue();

    /** Control messages (acks, errors, pongs) queued per connection before it is closed as not reading. */
    @WithDefault("256")
    int controlQueue();

    /** Frames written to the socket and not yet flushed, per connection, before the writer waits. */
    @WithDefault("256")
    int maxInflight();

    /** How long a connection may stay behind (conflating or dropping) before it is closed with 4001. */
    @WithDefault("10s")
    Duration slowConsumerGrace();

    /**
     * Client messages each connection may send, as a rate-limit quota (token bucket: a steady rate with
     * a burst); messages beyond it get a {@code rate_limited} error and count as bad messages.
     */
    @WithDefault("20/1s burst 40")
    String clientMessageRate();

    /** Bad messages tolerated within {@link #badMessageWindow()} before the connection is closed with 1008. */
    @WithDefault("20")
    int maxBadMessages();

    @WithDefault("10s")
    Duration badMessageWindow();

    /** How often the server pings each connection. */
    @WithDefault("20s")
    Duration pingInterval();

    /** A connection from which nothing (message or pong) arrived for this long is closed with 4002. */
    @WithDefault("60s")
    Duration heartbeatTimeout();

    /**
     * Delivery latency (metric mde_stream_delivery_latency_seconds) is timed on one live frame in this many
     * written, per event-loop thread: the fan-out path then pays for a timer update on a fraction of its
     * writes. 1 times every frame.
     */
    @WithDefault("16")
    int latencySampleEvery();

    /**
     * Frames written straight to the Netty channel (the fast path), if its start-up self-test passes; false: Quarkus's
     * sendText for every frame (FrameWriters says why either way).
     */
    @WithDefault("true")
    boolean rawWriter();

    /** Frames kept per symbol and channel for resume. */
    @WithDefault("1024")
    int replayDepth();

    /** Price levels per book side. */
    @WithDefault("10")
    int bookDepth();

    /**
     * {@code local} (standalone: the in-process hub is the bus) or {@code redis} (services mode: one
     * process holds the upstream by a lease in Redis and publishes sequenced frames there; every process
     * follows the symbols its clients want; resume history in Redis Streams).
     */
    @WithDefault("local")
    String bus();

    /** Redis of services mode, e.g. {@code redis://127.0.0.1:6379}; required with {@code bus=redis}. */
    Optional<String> redisUrl();

    /** Prefix of every Redis key and channel of the stream bus. */
    @WithDefault("mde:stream")
    String redisPrefix();

    /** Services mode: the upstream lease's time to live; a dead holder is replaced within about 4/3 of it. */
    @WithDefault("3s")
    Duration leaseTtl();

    Simulator simulator();

    /** The streaming simulator (standalone's upstream). */
    interface Simulator {
        @WithDefault("true")
        boolean enabled();

        /** Updates per second per subscribed symbol during the regular session (a tenth of it in extended hours). */
        @WithDefault("5")
        double ratePerSymbol();

        /** Cap on updates per second over all symbols. */
        @WithDefault("50000")
        double maxRate();

        /** false streams at all hours, whatever the calendars say (load tests); status messages still follow them. */
        @WithDefault("true")
        boolean followCalendar();

        /** Step period in milliseconds. */
        @WithDefault("10")
        long tickMillis();

        /** Simulated headlines per subscribed symbol per hour. */
        @WithDefault("2")
        double newsPerHour();

        /** Simulated single-symbol trading halts per subscribed symbol per regular session (0: none). */
        @WithDefault("0.5")
        double haltsPerDay();

        /** How long a simulated halt lasts. */
        @WithDefault("60s")
        Duration haltDuration();
    }
}
