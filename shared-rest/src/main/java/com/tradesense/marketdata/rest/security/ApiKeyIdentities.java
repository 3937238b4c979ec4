package com.tradesense.marketdata.rest.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tradesense.marketdata.access.ClientIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys presented directly on data calls ({@code Authorization: Bearer <key>}, {@code X-API-Key},
 * {@code ?apiKey=}): the key's SHA-256 ({@link SecretDigest}, the very hash the {@link AuthStore} indexes) to the
 * identity the key stands for, with the same plan and entitlements as a token exchanged for it. One store lookup per
 * key, then kept in memory, bounded by {@code mde.auth.key-cache.max-entries}; a key's owner, plan and roles never
 * change in the store, so the identity can be kept. Whether the key is still active is not kept here but asked of
 * {@link ActiveKeys} on every request, exactly as for tokens: a revocation is seen at once in the revoking process,
 * within {@code mde.auth.key-check-ttl} in the others.
 *
 * <p>Only keys the store knows go in: an unknown key is not remembered (the caller counts it as a failed
 * authentication of its address instead), so guessing cannot fill the cache. Store lookups run on a worker thread
 * (PostgreSQL blocks), one at a time per key however many requests carry it.
 */
// @Singleton, not @ApplicationScoped: no client proxy between the auth filter and this on every request
@Singleton
public class ApiKeyIdentities {
    /** How long an identity read from the store is kept at most (a bound on memory of keys no longer used). */
    static final Duration IDLE = Duration.ofHours(1);

    private final AuthStore store;
    private final Vertx vertx;
    private final ActiveKeys activeKeys;
    /** Null when {@code mde.auth.key-cache.max-entries} is 0: every use asks the store. */
    private final Cache<SecretDigest, AccessTokens.Verified> known;
    private final Map<SecretDigest, Future<Optional<AccessTokens.Verified>>> pending = new ConcurrentHashMap<>();

    @Inject
    public ApiKeyIdentities(AuthStore store, Vertx vertx, ActiveKeys activeKeys, AuthConfig config) {
        this(store, vertx, activeKeys, config.keyCache().maxEntries());
    }

    ApiKeyIdentities(AuthStore store, Vertx vertx, ActiveKeys activeKeys, int maxEntries) {
        this.store = store;
        this.vertx = vertx;
        this.activeKeys = activeKeys;
        this.known = maxEntries <= 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(IDLE)
                .executor(Runnable::run).build();
    }

    /**
     * The identity of a key looked up before, or null (then {@link #lookup}). Only for a {@link Credential#plausibleKey}:
     * the caller refuses anything else unhashed.
     */
    public AccessTokens.Verified cached(String key) {
        return known == null ? null : known.getIfPresent(SecretDigest.of(key));
    }

    /**
     * The identity of the key, from the store on a worker thread: empty when the store does not know it; failed when
     * the store cannot answer. A revoked key is found too (its revocation is handed to {@link ActiveKeys}, which
     * refuses it). The future completes on the context of whichever caller started the lookup: hop back to your own.
     */
    public Future<Optional<AccessTokens.Verified>> lookup(String key) {
        SecretDigest digest = SecretDigest.of(key);
        AccessTokens.Verified cached = known == null ? null : known.getIfPresent(digest);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        Future<Optional<AccessTokens.Verified>> f = pending.computeIfAbsent(digest, d -> vertx.executeBlocking(() -> read(d), false));
        f.onComplete(r -> pending.remove(digest, f));
        return f;
    }

    private Optional<AccessTokens.Verified> read(SecretDigest digest) {
        Optional<AuthStore.ApiKey> key = store.keyByHash(digest.hex());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        AuthStore.ApiKey k = key.get();
        activeKeys.observed(k.id(), k.active());
        AccessTokens.Verified v = new AccessTokens.Verified(new ClientIdentity(k.owner(), k.plan(), k.roles()), null, k.id());
        if (known != null) {
            known.put(digest, v);
        }
        return Optional.of(v);
    }

    /** Identities held (after pending maintenance), for tests and metrics. */
    long size() {
        if (known == null) {
            return 0;
        }
        known.cleanUp();
        return known.estimatedSize();
    }
}
