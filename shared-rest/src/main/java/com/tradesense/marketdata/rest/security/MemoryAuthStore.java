package com.tradesense.marketdata.rest.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The store of a process without PostgreSQL (standalone): lost at restart, like the generated signing key. */
public final class MemoryAuthStore implements AuthStore {
    private final Map<String, ApiKey> keysByHash = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refresh = new ConcurrentHashMap<>();

    @Override
    public boolean addKey(ApiKey key) {
        return keysByHash.putIfAbsent(key.hash(), key) == null;
    }

    @Override
    public Optional<ApiKey> keyByHash(String hash) {
        return Optional.ofNullable(keysByHash.get(hash));
    }

    @Override
    public Optional<ApiKey> keyById(String id) {
        return keysByHash.values().stream().filter(k -> k.id().equals(id)).findFirst();
    }

    @Override
    public List<ApiKey> keys() {
        return keysByHash.values().stream().sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
    }

    @Override
    public synchronized boolean revokeKey(String id, Instant at) {
        Optional<ApiKey> key = keyById(id).filter(ApiKey::active);
        if (key.isEmpty()) {
            return false;
        }
        ApiKey k = key.get();
        keysByHash.put(k.hash(), new ApiKey(k.id(), k.hash(), k.owner(), k.plan(), k.roles(), k.createdAt(), at));
        refresh.replaceAll((h, t) -> t.keyId().equals(id) ? revoked(t) : t);
        return true;
    }

    @Override
    public void addRefresh(RefreshToken token) {
        refresh.put(token.hash(), token);
        Instant now = Instant.now();
        // expired tokens are of no use to anyone: drop them as new ones come
        refresh.values().removeIf(t -> t.expiresAt().isBefore(now.minusSeconds(3600)));
    }

    @Override
    public Optional<RefreshToken> refresh(String hash) {
        return Optional.ofNullable(refresh.get(hash));
    }

    @Override
    public boolean useRefresh(String hash) {
        boolean[] won = {false};
        refresh.computeIfPresent(hash, (h, t) -> {
            if (t.used() || t.revoked()) {
                return t;
            }
            won[0] = true;
            return new RefreshToken(t.hash(), t.family(), t.keyId(), t.expiresAt(), true, false);
        });
        return won[0];
    }

    @Override
    public void revokeFamily(String family) {
        refresh.replaceAll((h, t) -> t.family().equals(family) ? revoked(t) : t);
    }

    private static RefreshToken revoked(RefreshToken t) {
        return new RefreshToken(t.hash(), t.family(), t.keyId(), t.expiresAt(), t.used(), true);
    }

    @Override
    public String describe() {
        return "memory";
    }
}
