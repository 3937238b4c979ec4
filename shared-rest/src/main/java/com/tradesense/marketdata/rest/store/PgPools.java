package com.tradesense.marketdata.rest.store;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The engine's PostgreSQL pools, one per concern, made and closed by quarkus-reactive-pg-client from the named
 * datasources {@code cache}, {@code auth} and {@code audit} (shared-rest's defaults derive their URLs from
 * {@code mde.cache.pg-url}, {@code mde.auth.pg-url} and {@code mde.audit.pg-url}, and credentials and TLS from
 * {@code mde.pg.*}). A datasource whose URL is unset is inactive (quarkus-reactive-pg-client 3.33.2), and its concern
 * runs without PostgreSQL.
 *
 * <p>The pools are made through {@link PgPoolCreator}s so that a store that does not answer costs
 * {@code mde.cache.timeout} per attempt, as the layers expect, and not Vert.x's 60 s default connect timeout.
 */
@ApplicationScoped
public class PgPools {
    /**
     * The cache layer's per-call timeout (rest.cache CacheConfig#timeout, same default), read by name here so that the
     * store clients do not depend on the cache layer that uses them.
     */
    static final String CACHE_TIMEOUT = "mde.cache.timeout";
    static final String CACHE_TIMEOUT_DEFAULT = "500ms";

    /** Datasource names: also the middle part of their Quarkus keys ({@code quarkus.datasource.cache.reactive.url}). */
    public static final String CACHE = "cache";
    public static final String AUTH = "auth";
    public static final String AUDIT = "audit";

    private final InjectableInstance<Pool> cache;
    private final InjectableInstance<Pool> auth;
    private final InjectableInstance<Pool> audit;

    public PgPools(@ReactiveDataSource(CACHE) InjectableInstance<Pool> cache, @ReactiveDataSource(AUTH) InjectableInstance<Pool> auth,
                   @ReactiveDataSource(AUDIT) InjectableInstance<Pool> audit) {
        this.cache = cache;
        this.auth = auth;
        this.audit = audit;
    }

    /** The bar cache's durable layer ({@code mde.cache.pg-url}), if configured. */
    public Optional<Pool> cache() {
        return active(cache);
    }

    /** API keys and refresh tokens ({@code mde.auth.pg-url}, else {@code mde.cache.pg-url}), if configured. */
    public Optional<Pool> auth() {
        return active(auth);
    }

    /** The audit trail's table ({@code mde.audit.pg-url}, else {@code mde.cache.pg-url}), if configured. */
    public Optional<Pool> audit() {
        return active(audit);
    }

    private static Optional<Pool> active(InjectableInstance<Pool> pool) {
        List<Pool> active = pool.listActive();
        return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0));
    }

    @Produces
    @Singleton
    @ReactiveDataSource(CACHE)
    PgPoolCreator cacheCreator(@ConfigProperty(name = CACHE_TIMEOUT, defaultValue = CACHE_TIMEOUT_DEFAULT) Duration timeout) {
        return creator(timeout);
    }

    @Produces
    @Singleton
    @ReactiveDataSource(AUTH)
    PgPoolCreator authCreator(@ConfigProperty(name = CACHE_TIMEOUT, defaultValue = CACHE_TIMEOUT_DEFAULT) Duration timeout) {
        return creator(timeout);
    }

    /** The audit shipper retries on its own schedule; its calls may wait longer than a request's. */
    @Produces
    @Singleton
    @ReactiveDataSource(AUDIT)
    PgPoolCreator auditCreator() {
        return creator(Duration.ofSeconds(5));
    }

    private static PgPoolCreator creator(Duration timeout) {
        return input -> {
            List<SqlConnectOptions> servers = new ArrayList<>();
            for (PgConnectOptions o : input.pgConnectOptionsList()) {
                servers.add(o.setConnectTimeout((int) Math.max(100, timeout.toMillis())));
            }
            input.poolOptions().setConnectionTimeout((int) Math.max(1, timeout.toSeconds())).setConnectionTimeoutUnit(TimeUnit.SECONDS);
            return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
        };
    }
}
