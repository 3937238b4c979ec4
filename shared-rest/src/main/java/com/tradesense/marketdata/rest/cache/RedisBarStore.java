package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.BarChunkCodec;
import com.tradesense.marketdata.cache.BarStore;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Month chunks in Redis, {@link BarChunkCodec}-encoded, one key each:
 * {@code mde:bars:v1:{<symbol>}:<interval>:<yyyy-mm>} (the braces keep a symbol's chunks in one cluster
 * slot), expiring by TTL (no expiry for closed months when the policy says so). A look-up is one MGET,
 * a write one pipelined batch of SETs.
 */
public final class RedisBarStore implements BarStore {
    static final String PREFIX = "mde:bars:v1:";
    private static final int SCAN_CAP = 100_000;

    private final Redis redis;
    private final Duration timeout;

    public RedisBarStore(Redis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    static String key(ChunkKey k) {
        return PREFIX + "{" + k.symbol() + "}:" + k.interval().wireName() + ":" + k.month();
    }

    @Override
    public CacheLayer layer() {
        return CacheLayer.REDIS;
    }

    @Override
    public Map<ChunkKey, BarChunk> getAll(Collection<ChunkKey> keys) {
        Map<ChunkKey, BarChunk> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        List<ChunkKey> list = new ArrayList<>(keys);
        Request mget = Request.cmd(Command.MGET);
        for (ChunkKey k : list) {
            mget.arg(key(k));
        }
        Response r = await(redis.send(mget));
        for (int i = 0; i < list.size(); i++) {
            Response v = r.get(i);
            if (v != null) {
                out.put(list.get(i), BarChunkCodec.decode(v.toBuffer().getBytes()));
            }
        }
        return out;
    }

    @Override
    public void putAll(List<BarChunk> chunks, Map<ChunkKey, Duration> ttls) {
        if (chunks.isEmpty()) {
            return;
        }
        List<Request> batch = new ArrayList<>();
        for (BarChunk c : chunks) {
            Request set = Request.cmd(Command.SET).arg(key(c.key())).arg(Buffer.buffer(BarChunkCodec.encode(c)));
            Duration ttl = ttls.getOrDefault(c.key(), Duration.ZERO);
            if (!ttl.isZero()) {
                set.arg("PX").arg(Math.max(1, ttl.toMillis()));
            }
            batch.add(set);
        }
        await(redis.batch(batch));
    }

    @Override
    public long invalidate(String symbol, Interval interval) {
        String pattern = PREFIX + "{" + glob(symbol) + "}:" + (interval == null ? "*" : interval.wireName() + ":*");
        List<String> keys = scan(pattern, Integer.MAX_VALUE);
        long n = 0;
        for (int i = 0; i < keys.size(); i += 500) {
            Request unlink = Request.cmd(Command.UNLINK);
            for (String k : keys.subList(i, Math.min(keys.size(), i + 500))) {
                unlink.arg(k);
            }
            n += await(redis.send(unlink)).toLong();
        }
        return n;
    }

    /** Chunk keys in Redis (counted with SCAN, up to 100 000; beyond, the cap is reported). */
    @Override
    public long entries() {
        return scan(PREFIX + "*", SCAN_CAP).size();
    }

    /** The whole Redis server's {@code used_memory} (INFO memory): shared with whatever else uses that Redis. */
    @Override
    public long memoryBytes() {
        return info("memory", "used_memory");
    }

    /** The whole Redis server's {@code evicted_keys} (INFO stats): keys dropped for {@code maxmemory}, ours or not. */
    @Override
    public long evictions() {
        return info("stats", "evicted_keys");
    }

    private long info(String section, String field) {
        String text = await(redis.send(Request.cmd(Command.INFO).arg(section))).toString();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                try {
                    return Long.parseLong(line.substring(field.length() + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    @Override
    public void ping() {
        await(redis.send(Request.cmd(Command.PING)));
    }

    private List<String> scan(String pattern, int cap) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = await(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000)));
            cursor = r.get(0).toString();
            for (Response k : r.get(1)) {
                keys.add(k.toString());
            }
        } while (!cursor.equals("0") && keys.size() < cap);
        return keys;
    }

    /** Escapes Redis glob characters in a symbol. */
    static String glob(String s) {
        return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("redis: interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("redis: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("redis: no answer in " + timeout, e);
        }
    }
}
