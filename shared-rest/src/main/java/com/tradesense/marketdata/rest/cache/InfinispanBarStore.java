package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.BarChunkCodec;
import com.tradesense.marketdata.cache.BarStore;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Interval;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.configuration.StringConfiguration;
import org.infinispan.commons.util.CloseableIterator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Month chunks in an Infinispan cache over Hot Rod, {@link BarChunkCodec}-encoded {@code byte[]} values
 * under {@code mde:bars:v1:{<symbol>}:<interval>:<yyyy-mm>} (the Redis key shape), each stored with its
 * chunk's TTL as the entry lifespan (none for closed months when the policy says so). A look-up is one
 * {@code getAll}; a write one asynchronous put per chunk, awaited together. Invalidation walks the keys
 * (a remote key iteration: fine for a cache of month chunks, not for millions of entries).
 */
public final class InfinispanBarStore implements BarStore, AutoCloseable {
    static final String PREFIX = "mde:bars:v1:";

    private final RemoteCacheManager manager;
    private final String cacheName;
    private final Duration timeout;
    /** The configuration to create the cache with when the server lacks it; null: never create it. */
    private final String createWith;
    private volatile RemoteCache<String, byte[]> cache;

    public InfinispanBarStore(RemoteCacheManager manager, String cacheName, Duration timeout) {
        this(manager, cacheName, timeout, null);
    }

    public InfinispanBarStore(RemoteCacheManager manager, String cacheName, Duration timeout, String createWith) {
        this.manager = manager;
        this.cacheName = cacheName;
        this.timeout = timeout;
        this.createWith = createWith;
    }

    /**
     * A client for {@code hosts} ({@code host:port;host:port}), without authentication, failing a call
     * after {@code timeout} instead of retrying it on another server: the cache layer skips a failed store.
     */
    public static RemoteCacheManager client(String hosts, Duration timeout) {
        ConfigurationBuilder b = base(hosts, timeout);
        b.security().authentication().disable();
        return new RemoteCacheManager(b.build(), false);
    }

    /** A client as {@code settings} say: SASL authentication when a user is set, TLS when a CA file is. */
    public static RemoteCacheManager client(CacheConfig.Infinispan settings, Duration timeout) {
        ConfigurationBuilder b = base(settings.hosts().orElseThrow(), timeout);
        if (settings.username().isPresent()) {
            b.security().authentication().enable()
                    .saslMechanism(settings.saslMechanism())
                    .username(settings.username().get())
                    .password(settings.password().orElse(""))
                    .realm(settings.realm())
                    .serverName(settings.serverName());
        } else {
            b.security().authentication().disable();
        }
        settings.tlsCaFile().ifPresent(ca -> {
            var ssl = b.security().ssl().enable().trustStoreFileName(ca).trustStoreType("pem");
            settings.tlsServerName().ifPresent(ssl::sniHostName);
        });
        return new RemoteCacheManager(b.build(), false);
    }

    private static ConfigurationBuilder base(String hosts, Duration timeout) {
        int ms = (int) Math.max(100, timeout.toMillis());
        ConfigurationBuilder b = new ConfigurationBuilder();
        b.addServers(hosts.replace(',', ';'))
                .clientIntelligence(ClientIntelligence.BASIC)
                .connectionTimeout(ms)
                .socketTimeout(ms)
                .maxRetries(0);
        return b;
    }

    static String key(ChunkKey k) {
        return PREFIX + "{" + k.symbol() + "}:" + k.interval().wireName() + ":" + k.month();
    }

    @Override
    public CacheLayer layer() {
        return CacheLayer.INFINISPAN;
    }

    private RemoteCache<String, byte[]> cache() {
        RemoteCache<String, byte[]> c = cache;
        if (c == null) {
            synchronized (this) {
                if (cache == null) {
                    if (!manager.isStarted()) {
                        manager.start();
                    }
                    RemoteCache<String, byte[]> got = manager.getCache(cacheName);
                    if (got == null && createWith != null) {
                        got = manager.administration().getOrCreateCache(cacheName, new StringConfiguration(createWith));
                    }
                    if (got == null) {
                        throw new IllegalStateException("infinispan: no cache '" + cacheName + "' on the server"
                                + " (mde.cache.infinispan.create-cache is false)");
                    }
                    cache = got;
                }
                c = cache;
            }
        }
        return c;
    }

    @Override
    public Map<ChunkKey, BarChunk> getAll(Collection<ChunkKey> keys) {
        Map<ChunkKey, BarChunk> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, ChunkKey> byKey = new LinkedHashMap<>();
        for (ChunkKey k : keys) {
            byKey.put(key(k), k);
        }
        Map<String, byte[]> got = await(cache().getAllAsync(new LinkedHashSet<>(byKey.keySet())));
        for (Map.Entry<String, byte[]> e : got.entrySet()) {
            ChunkKey k = byKey.get(e.getKey());
            if (k != null && e.getValue() != null) {
                out.put(k, BarChunkCodec.decode(e.getValue()));
            }
        }
        return out;
    }

    @Override
    public void putAll(List<BarChunk> chunks, Map<ChunkKey, Duration> ttls) {
        if (chunks.isEmpty()) {
            return;
        }
        RemoteCache<String, byte[]> c = cache();
        List<CompletableFuture<byte[]>> puts = new ArrayList<>(chunks.size());
        for (BarChunk chunk : chunks) {
            Duration ttl = ttls.getOrDefault(chunk.key(), Duration.ZERO);
            byte[] value = BarChunkCodec.encode(chunk);
            puts.add(ttl.isZero() || ttl.isNegative()
                    ? c.putAsync(key(chunk.key()), value)
                    : c.putAsync(key(chunk.key()), value, Math.max(1, ttl.toMillis()), TimeUnit.MILLISECONDS));
        }
        await(CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)));
    }

    @Override
    public long invalidate(String symbol, Interval interval) {
        String prefix = PREFIX + "{" + symbol + "}:" + (interval == null ? "" : interval.wireName() + ":");
        RemoteCache<String, byte[]> c = cache();
        Set<String> doomed = new LinkedHashSet<>();
        try (CloseableIterator<String> it = c.keySet().iterator()) {
            while (it.hasNext()) {
                String k = it.next();
                if (k.startsWith(prefix)) {
                    doomed.add(k);
                }
            }
        }
        List<CompletableFuture<byte[]>> removes = new ArrayList<>(doomed.size());
        for (String k : doomed) {
            removes.add(c.removeAsync(k));
        }
        await(CompletableFuture.allOf(removes.toArray(CompletableFuture[]::new)));
        return doomed.size();
    }

    @Override
    public long entries() {
        return await(cache().sizeAsync());
    }

    @Override
    public void ping() {
        await(cache().containsKeyAsync(PREFIX + "ping"));
    }

    public void close() {
        manager.stop();
    }

    private <T> T await(Future<T> f) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("infinispan: interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("infinispan: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("infinispan: no answer in " + timeout, e);
        }
    }
}
