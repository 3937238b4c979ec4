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
 * slot), expiring by TTL (no expiry for closed months when the policy says so). A look-up is one MGET per
 * symbol, a write one pipelined batch of SETs per symbol. Each symbol also has an index,
 * {@code mde:bars:v1:{<symbol>}:index}, the set of its chunk keys (same slot), which is what invalidation reads: SCAN
 * walks one node of a Redis Cluster only, so on a cluster it would miss most keys.
 *
 * <p>On a cluster ({@code cluster = true}) the server-wide figures (entries by SCAN, INFO memory and evictions)
 * would describe one node picked at random, so they are reported as unknown (-1).
 */
public final class RedisBarStore implements BarStore {
    static final String PREFIX = "mde:bars:v1:";
    private static final int SCAN_CAP = 100_000;

    private final Redis redis;
    private final Duration timeout;
    private final boolean cluster;

    public RedisBarStore(Redis redis, Duration timeout) {
        this(redis, timeout, false);
    }

    public RedisBarStore(Redis redis, Duration timeout, boolean cluster) {
        this.redis = redis;
        this.timeout = timeout;
        this.cluster = cluster;
    }

    static String key(ChunkKey k) {
        return PREFIX + "{" + k.symbol() + "}:" + k.interval().wireName() + ":" + k.month();
    }

    static String index(String symbol) {
        return PREFIX + "{" + symbol + "}:index";
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
        // One MGET per symbol, sent together: a symbol's keys share a slot. On a Redis Cluster, an MGET across slots
        // is split by the client and its answers came back in another order than the keys (seen with the Vert.x 4
        // cluster client): chunks of one symbol would have been served for another.
        Map<String, List<ChunkKey>> bySymbol = new java.util.LinkedHashMap<>();
        for (ChunkKey k : keys) {
            bySymbol.computeIfAbsent(k.symbol(), s -> new ArrayList<>()).add(k);
        }
        List<List<ChunkKey>> groups = new ArrayList<>(bySymbol.values());
        List<Future<Response>> answers = new ArrayList<>(groups.size());
        for (List<ChunkKey> group : groups) {
            Request mget = Request.cmd(Command.MGET);
            for (ChunkKey k : group) {
                mget.arg(key(k));
            }
            answers.add(redis.send(mget));
        }
        for (int g = 0; g < groups.size(); g++) {
            List<ChunkKey> group = groups.get(g);
            Response r = await(answers.get(g));
            for (int i = 0; i < group.size(); i++) {
                Response v = r.get(i);
                if (v != null) {
                    BarChunk chunk = BarChunkCodec.decode(v.toBuffer().getBytes());
                    // a chunk carries its key: one stored under another key is a miss, never an answer
                    if (chunk.key().equals(group.get(i))) {
                        out.put(group.get(i), chunk);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void putAll(List<BarChunk> chunks, Map<ChunkKey, Duration> ttls) {
        if (chunks.isEmpty()) {
            return;
        }
        // one batch per symbol: a Redis Cluster takes a pipelined batch only when every key is in one slot
        Map<String, List<Request>> batches = new java.util.LinkedHashMap<>();
        for (BarChunk c : chunks) {
            Request set = Request.cmd(Command.SET).arg(key(c.key())).arg(Buffer.buffer(BarChunkCodec.encode(c)));
            Duration ttl = ttls.getOrDefault(c.key(), Duration.ZERO);
            if (!ttl.isZero()) {
                set.arg("PX").arg(Math.max(1, ttl.toMillis()));
            }
            List<Request> batch = batches.computeIfAbsent(c.key().symbol(), s -> new ArrayList<>());
            batch.add(set);
            batch.add(Request.cmd(Command.SADD).arg(index(c.key().symbol())).arg(key(c.key())));
        }
        for (List<Request> batch : batches.values()) {
            await(redis.batch(batch));
        }
    }

    @Override
    public long invalidate(String symbol, Interval interval) {
        String prefix = PREFIX + "{" + symbol + "}:" + (interval == null ? "" : interval.wireName() + ":");
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (Response k : await(redis.send(Request.cmd(Command.SMEMBERS).arg(index(symbol))))) {
            if (k.toString().startsWith(prefix)) {
                keys.add(k.toString());
            }
        }
        if (!cluster) {
            // chunks written before the index existed (one server: SCAN sees every key)
            keys.addAll(scan(PREFIX + "{" + glob(symbol) + "}:" + (interval == null ? "*" : interval.wireName() + ":*"), Integer.MAX_VALUE));
            keys.remove(index(symbol));
        }
        List<String> list = new ArrayList<>(keys);
        long n = 0;
        for (int i = 0; i < list.size(); i += 500) {
            List<String> part = list.subList(i, Math.min(list.size(), i + 500));
            Request unlink = Request.cmd(Command.UNLINK);
            Request srem = Request.cmd(Command.SREM).arg(index(symbol));
            for (String k : part) {
                unlink.arg(k);
                srem.arg(k);
            }
            n += await(redis.send(unlink)).toLong();
            await(redis.send(srem));
        }
        return n;
    }

    /** Chunk keys in Redis (counted with SCAN, up to 100 000; beyond, the cap is reported). */
    @Override
    public long entries() {
        return cluster ? -1 : scan(PREFIX + "*", SCAN_CAP).stream().filter(k -> !k.endsWith("}:index")).count();
    }

    /** The whole Redis server's {@code used_memory} (INFO memory): shared with whatever else uses that Redis. */
    @Override
    public long memoryBytes() {
        return cluster ? -1 : info("memory", "used_memory");
    }

    /** The whole Redis server's {@code evicted_keys} (INFO stats): keys dropped for {@code maxmemory}, ours or not. */
    @Override
    public long evictions() {
        return cluster ? -1 : info("stats", "evicted_keys");
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
