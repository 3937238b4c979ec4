package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.domain.Interval;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * Invalidation across processes through Redis pub/sub: {@link LayeredBarCache#invalidate} publishes
 * {@code <origin>\t<symbol>\t<interval|*>} on {@code mde:cache:invalidate}; every other process drops the
 * symbol from its in-process layers and answer caches ({@link LayeredBarCache#invalidateLocal}). The
 * subscription is re-made after Redis comes back (a message sent while a process was cut off is lost:
 * that process's copies then expire by TTL).
 */
public final class RedisInvalidationBus implements AutoCloseable {
    static final String CHANNEL = "mde:cache:invalidate";
    private static final Logger LOG = Logger.getLogger(RedisInvalidationBus.class);

    private final Vertx vertx;
    private final Redis publisher;
    private final Redis subscriber;
    private final LayeredBarCache cache;
    private final long retryMs;
    private final String origin = UUID.randomUUID().toString();
    private volatile RedisConnection connection;
    private volatile boolean closed;
    private volatile boolean subscribed;

    public RedisInvalidationBus(Vertx vertx, Redis publisher, Redis subscriber, LayeredBarCache cache, Duration retry) {
        this.vertx = vertx;
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.cache = cache;
        this.retryMs = Math.max(50, retry.toMillis());
    }

    /** Subscribes (retrying until Redis answers) and makes {@code cache} publish its invalidations. */
    public RedisInvalidationBus start() {
        cache.broadcastTo(this::publish);
        connect();
        return this;
    }

    public boolean subscribed() {
        return subscribed;
    }

    private void connect() {
        if (closed) {
            return;
        }
        subscriber.connect().onSuccess(conn -> {
            connection = conn;
            conn.handler(this::onMessage);
            conn.exceptionHandler(e -> lost());
            conn.endHandler(v -> lost());
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).onSuccess(r -> subscribed = true).onFailure(e -> lost());
        }).onFailure(e -> retry());
    }

    private void lost() {
        if (subscribed) {
            LOG.warnf("cache: invalidation subscription lost; re-subscribing when Redis answers");
        }
        subscribed = false;
        RedisConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
        retry();
    }

    private void retry() {
        if (!closed) {
            vertx.setTimer(retryMs, id -> {
                if (connection == null) {
                    connect();
                }
            });
        }
    }

    private void onMessage(Response r) {
        if (r == null || r.size() < 3 || !"message".equals(r.get(0).toString())) {
            return;
        }
        String[] parts = r.get(2).toString().split("\t", 3);
        if (parts.length < 3 || parts[0].equals(origin)) {
            return;
        }
        Interval interval = parts[2].equals("*") ? null : Interval.fromWire(parts[2]).orElse(null);
        cache.invalidateLocal(parts[1], interval);
    }

    private void publish(String symbol, Interval interval) {
        publisher.send(Request.cmd(Command.PUBLISH).arg(CHANNEL)
                        .arg(origin + "\t" + symbol + "\t" + (interval == null ? "*" : interval.wireName())))
                .onFailure(e -> LOG.warnf("cache: invalidation of %s not published: %s", symbol, e.toString()));
    }

    @Override
    public void close() {
        closed = true;
        RedisConnection c = connection;
        if (c != null) {
            c.close();
        }
    }
}
