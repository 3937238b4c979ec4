package com.tradesense.marketdata.rest.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

/**
 * Access tokens already verified, so that a token's ES256 signature (P-256 arithmetic in sun.security.ec: almost all
 * the CPU of an authenticated request before this cache, 2,176 against 31,027 req/s without security) is checked
 * once rather than on every request it carries. Keyed by the {@link SecretDigest} of the whole token; only tokens
 * that passed full verification go in, so garbage cannot fill it. An entry is trusted again only while
 * <ul>
 *   <li>the time checks the verifier made still hold ({@code exp} and {@code nbf} with the configured skew, at
 *       the same one-second resolution): it is never served past {@code exp} + skew, whatever the eviction does;</li>
 *   <li>the key ring still verifies with the key that checked it ({@link SigningKeys#verifies}): a key removed from
 *       the folder, replaced under the same name or retired stops its cached tokens at once.</li>
 * </ul>
 * Revocation is not cached here: the caller checks the token's API key ({@link ActiveKeys}) on every request, as
 * without the cache. Bounded by {@code mde.auth.token-cache.max-entries} (Caffeine, frequency-aware: a burst of
 * new tokens does not push out the ones in steady use); an entry also leaves the cache once its token expires.
 */
final class VerifiedTokenCache {
    /** A verified token and what its verification depended on. Times in epoch seconds, as in the JWT. */
    record Entry(AccessTokens.Verified verified, String kid, PublicKey key, long notBeforeSeconds, long expiresSeconds) {
    }

    private final Cache<SecretDigest, Entry> entries;
    private final SigningKeys keys;
    private final long skewSeconds;
    private final Clock clock;

    VerifiedTokenCache(int maxEntries, SigningKeys keys, Duration skew, Clock clock) {
        this.keys = keys;
        this.skewSeconds = skew.toSeconds();
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // maintenance (eviction, expiry) on the calling thread: amortised O(1), and the bound holds without a pool
                .executor(Runnable::run)
                .expireAfter(new Expiry<SecretDigest, Entry>() {
                    @Override
                    public long expireAfterCreate(SecretDigest k, Entry e, long currentTime) {
                        return untilExpiry(e);
                    }

                    @Override
                    public long expireAfterUpdate(SecretDigest k, Entry e, long currentTime, long currentDuration) {
                        return untilExpiry(e);
                    }

                    @Override
                    public long expireAfterRead(SecretDigest k, Entry e, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    private long untilExpiry(Entry e) {
        long millis = (e.expiresSeconds() + skewSeconds) * 1000 - clock.millis();
        return Duration.ofMillis(Math.max(0, millis)).toNanos();
    }

    /** The cached verification of the token with this digest if it still holds now, else null (and dropped). */
    AccessTokens.Verified valid(SecretDigest digest) {
        Entry e = entries.getIfPresent(digest);
        if (e == null) {
            return null;
        }
        long now = Math.floorDiv(clock.millis(), 1000);
        // the verifier's own rule (jose4j): expired when now - skew >= exp, not yet valid when now + skew < nbf
        if (now - skewSeconds >= e.expiresSeconds() || now + skewSeconds < e.notBeforeSeconds() || !keys.verifies(e.kid(), e.key())) {
            entries.invalidate(digest);
            return null;
        }
        return e.verified();
    }

    void put(SecretDigest digest, Entry entry) {
        entries.put(digest, entry);
    }

    /** Entries held (after pending maintenance), for tests and metrics. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
