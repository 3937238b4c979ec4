package com.tradesense.marketdata.rest.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Is the API key behind an access token still active? Access tokens live for {@code access-token-ttl}
 * (15 min), so without this check a revoked key would keep being served until its tokens expire. The answer
 * of the {@link AuthStore} is kept {@code mde.auth.key-check-ttl} (5 s): a revocation in this process is seen at
 * once, one in another process sharing the PostgreSQL store within that time. Store lookups run on a worker
 * thread (the PostgreSQL store blocks); an unreachable store counts as active, so an outage of the store does
 * not lock every client out (the refusal of revoked keys at token exchange still holds).
 */
// @Singleton, not @ApplicationScoped: no client proxy between the auth filter and this on every request
@Singleton
public class ActiveKeys {
    private record Entry(boolean active, long checkedNanos) {
    }

    private final AuthStore store;
    private final Vertx vertx;
    private final long ttlNanos;
    private final Map<String, Entry> known = new ConcurrentHashMap<>();
    /** Lookups under way, so many connections of one key ask the store once. */
    private final Map<String, Future<Boolean>> pending = new ConcurrentHashMap<>();

    @Inject
    public ActiveKeys(AuthStore store, Vertx vertx, AuthConfig config) {
        this(store, vertx, config.keyCheckTtl());
    }

    ActiveKeys(AuthStore store, Vertx vertx, Duration ttl) {
        this.store = store;
        this.vertx = vertx;
        this.ttlNanos = ttl.toNanos();
    }

    /** The cached answer if still fresh, else null. A token without a key id is not one of this engine's. */
    public Boolean cached(String keyId) {
        if (keyId == null) {
            return Boolean.FALSE;
        }
        Entry e = known.get(keyId);
        return e != null && System.nanoTime() - e.checkedNanos < ttlNanos ? e.active : null;
    }

    /** Whether the key is active: at once from the cache, else after a store lookup on a worker thread. */
    public Future<Boolean> active(String keyId) {
        Boolean cached = cached(keyId);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        Future<Boolean> running = pending.get(keyId);
        if (running != null) {
            return running;
        }
        Future<Boolean> f = vertx.executeBlocking(() -> lookup(keyId), false);
        pending.put(keyId, f);
        f.onComplete(r -> pending.remove(keyId, f));
        return f;
    }

    private boolean lookup(String keyId) {
        boolean active;
        try {
            active = store.keyById(keyId).map(AuthStore.ApiKey::active).orElse(false);
        } catch (RuntimeException e) {
            return true; // store unreachable: not cached, asked again on the next request
        }
        if (known.size() > 100_000) {
            known.clear(); // bounded: the cache only saves lookups
        }
        known.put(keyId, new Entry(active, System.nanoTime()));
        return active;
    }

    /** A key revoked by this process: refused from now on, without waiting for the cache to expire. */
    void revoked(String keyId) {
        known.put(keyId, new Entry(false, System.nanoTime()));
    }

    /**
     * A fresh answer of the store read elsewhere (the lookup of a presented API key by its hash reads its revocation
     * too): kept as if this class had asked, so that the check right after it costs no second store call. An answer
     * of this process's own revocation is never overwritten by an older read that says active.
     */
    void observed(String keyId, boolean active) {
        if (known.size() > 100_000) {
            known.clear(); // bounded as lookup() is
        }
        known.compute(keyId, (k, e) -> e != null && !e.active && active && System.nanoTime() - e.checkedNanos < ttlNanos
                ? e : new Entry(active, System.nanoTime()));
    }

}
