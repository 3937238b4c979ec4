package com.tradesense.marketdata.rest.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys and refresh tokens, both held only as SHA-256 hashes (see {@link Secrets}). PostgreSQL when
 * configured ({@link PgAuthStore}), else this process's memory ({@link MemoryAuthStore}).
 */
public interface AuthStore {

    /** An API key: {@code id} is public (listing, revocation), {@code hash} is SHA-256 of the secret key. */
    record ApiKey(String id, String hash, String owner, String plan, Set<String> roles, Instant createdAt, Instant revokedAt) {
        public ApiKey {
            roles = Set.copyOf(roles);
        }

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A refresh token of a family (one family per token exchange; every refresh adds one and uses the previous). */
    record RefreshToken(String hash, String family, String keyId, Instant expiresAt, boolean used, boolean revoked) {
    }

    /** Adds a key; false if a key with this hash exists already. */
    boolean addKey(ApiKey key);

    Optional<ApiKey> keyByHash(String hash);

    Optional<ApiKey> keyById(String id);

    List<ApiKey> keys();

    /** Marks the key revoked and revokes its refresh-token families; false if unknown or already revoked. */
    boolean revokeKey(String id, Instant at);

    void addRefresh(RefreshToken token);

    Optional<RefreshToken> refresh(String hash);

    /** Marks an unused, unrevoked token used; false if it was used or revoked already (atomic: one winner). */
    boolean useRefresh(String hash);

    /** Revokes every token of the family. */
    void revokeFamily(String family);

    /** What the store is, for logs. */
    String describe();
}
