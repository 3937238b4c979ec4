package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarStore;
import com.tradesense.marketdata.cache.CacheTtlPolicy;
import com.tradesense.marketdata.cache.LayerStatistics;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.cache.MemoryBarStore;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.rest.store.PgPools;
import com.tradesense.marketdata.rest.store.RedisClients;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import com.tradesense.marketdata.rest.store.StoreCheck;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bar cache layers this process uses, from {@link CacheConfig}: none by default; a local chunk
 * layer, Redis, Infinispan and PostgreSQL each switched on by one setting, so a process without them configured
 * starts without them. An unreachable store at start only marks its layer degraded; a background probe every
 * retry interval brings it back when the store answers. Redis is quarkus-redis-client's {@code cache} client
 * ({@link RedisClients}), closed by Quarkus.
 */
@ApplicationScoped
public class CacheBeans implements StoreCheck.OtherStore {
    private static final Logger LOG = Logger.getLogger(CacheBeans.class);

    private final CacheConfig config;
    private final Vertx vertx;
    private Redis redis;
    private RedisInvalidationBus bus;
    private InfinispanBarStore infinispan;
    private Pool pg;
    private PgBarStore pgStore;
    private ScheduledExecutorService probe;
    /** Last statistics per layer, refreshed by the probe: gauges read these, never the stores. */
    private final Map<String, LayerStatistics> last = new ConcurrentHashMap<>();

    private final RedisClients redisClients;
    private final PgPools pgPools;

    public CacheBeans(CacheConfig config, Vertx vertx, RedisClients redisClients, PgPools pgPools) {
        this.config = config;
        this.vertx = vertx;
        this.redisClients = redisClients;
        this.pgPools = pgPools;
    }

    @Produces
    @Singleton
    LayeredBarCache barCache(Clock clock) {
        List<BarStore> stores = new ArrayList<>();
        if (config.local().enabled()) {
            stores.add(new MemoryBarStore(clock, config.local().maxChunks()));
        }
        redis = redisClients.cache().orElse(null);
        if (redis != null) {
            stores.add(new RedisBarStore(redis, config.timeout(), redisClients.cluster(RedisClients.CACHE)));
        }
        CacheConfig.Infinispan ispn = config.infinispan();
        if (ispn.hosts().isPresent()) {
            infinispan = new InfinispanBarStore(InfinispanBarStore.client(ispn, config.timeout()), ispn.cache(), config.timeout(),
                    ispn.createCache() ? ispn.cacheConfiguration() : null);
            stores.add(infinispan);
        }
        pg = pgPools.cache().orElse(null);
        if (pg != null) {
            pgStore = new PgBarStore(pg, config.pgSchema(), config.timeout());
            stores.add(pgStore);
        }
        CacheConfig.Ttl t = config.ttl();
        CacheTtlPolicy policy = new CacheTtlPolicy(t.realtime(), t.intraday(), t.daily(), t.closed(), t.fundamentals(), t.settle(),
                t.corporateActions(), t.economic(), t.news());
        LayeredBarCache cache = new LayeredBarCache(stores, policy, clock, config.retryInterval(), config.staleGrace());
        LOG.infof("cache: bar layers %s (set MDE_CACHE_LOCAL_ENABLED, MDE_CACHE_REDIS_URL, MDE_CACHE_INFINISPAN_HOSTS, MDE_CACHE_PG_URL to add them)",
                cache.layers().isEmpty() ? "none" : cache.layers());
        return cache;
    }

    /** The Infinispan layer's store, when configured. */
    public java.util.Optional<InfinispanBarStore> infinispan() {
        return java.util.Optional.ofNullable(infinispan);
    }

    /** The start-up store check asks the Hot Rod server too, when one is configured. */
    @Override
    public java.util.Optional<StoreCheck.Probe> probe() {
        return infinispan().map(i -> StoreCheck.infinispan("Infinispan (mde.cache.infinispan.hosts)", i::ping));
    }

    /** Applies the PostgreSQL schema, registers the metrics and starts the probe. */
    void start(@Observes StartupEvent event, LayeredBarCache cache, Instance<MeterRegistry> registry,
               Instance<CorporateActionsService> actions) {
        if (actions.isResolvable()) {
            // a split or dividend this process did not know of: the symbol's bars and every answer built on
            // them (adjusted, resampled) are dropped in every layer, and through Redis in every process
            actions.get().watch().onNewActions((symbol, news) -> cache.invalidate(symbol, null));
        }
        if (pgStore != null) {
            try {
                int v = pgStore.migrate();
                LOG.infof("cache: PostgreSQL schema %s at version %d", config.pgSchema(), v);
            } catch (RuntimeException e) {
                LOG.warnf("cache: PostgreSQL schema not applied yet (%s): it will be on the first call that reaches the server", e.getMessage());
            }
        }
        if (redis != null) {
            // the subscription holds one connection of the same client (a connection in pub/sub mode is not
            // handed back to the pool)
            bus = new RedisInvalidationBus(vertx, redis, redis, cache, config.retryInterval()).start();
        }
        if (registry.isResolvable()) {
            register(registry.get(), cache);
        }
        if (cache.enabled()) {
            probe = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "mde-cache-probe");
                th.setDaemon(true);
                return th;
            });
            long every = Math.max(100, config.retryInterval().toMillis());
            probe.scheduleWithFixedDelay(() -> refresh(cache), 0, every, TimeUnit.MILLISECONDS);
        }
    }

    private long lastCount;

    /**
     * Probes degraded layers (so they come back without traffic) every retry interval, and refreshes the
     * entry counts for the gauges every 30 s at most (counting asks the stores: SCAN, count(*)).
     */
    void refresh(LayeredBarCache cache) {
        try {
            cache.health();
            if (System.nanoTime() - lastCount < 30_000_000_000L && !last.isEmpty()) {
                return;
            }
            lastCount = System.nanoTime();
            for (LayerStatistics s : cache.statistics()) {
                last.put(s.layer(), s);
            }
        } catch (RuntimeException e) {
            LOG.debugf("cache: probe failed: %s", e);
        }
    }

    private void register(MeterRegistry r, LayeredBarCache cache) {
        for (var layer : cache.layers()) {
            String name = layer.wireName();
            FunctionCounter.builder("mde.cache.requests", cache, c -> stat(c, name).hits())
                    .tags("layer", name, "data_type", "bars", "result", "hit").register(r);
            FunctionCounter.builder("mde.cache.requests", cache, c -> stat(c, name).misses())
                    .tags("layer", name, "data_type", "bars", "result", "miss").register(r);
            Gauge.builder("mde.cache.entries", last, m -> m.containsKey(name) && m.get(name).entries() >= 0 ? m.get(name).entries() : Double.NaN)
                    .tags("layer", name, "data_type", "bars").register(r);
            FunctionCounter.builder("mde.cache.evictions", last, m -> m.containsKey(name) ? Math.max(0, m.get(name).evictions()) : 0)
                    .tags("layer", name, "data_type", "bars").register(r);
            Gauge.builder("mde.cache.memory", last, m -> m.containsKey(name) && m.get(name).memoryBytes() >= 0 ? m.get(name).memoryBytes() : Double.NaN)
                    .baseUnit("bytes").tags("layer", name, "data_type", "bars").register(r);
        }
    }

    private static LayerStatistics stat(LayeredBarCache cache, String layer) {
        LayerStatistics s = cache.counters().get(layer);
        return s != null ? s : new LayerStatistics(layer, 0, 0, 0, -1, -1, false, null);
    }

    @PreDestroy
    void close() {
        if (probe != null) {
            probe.shutdownNow();
        }
        if (bus != null) {
            bus.close();
        }
        if (infinispan != null) {
            infinispan.close();
        }
    }
}
