package com.tradesense.marketdata.rest.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code mde.auth.*}: API keys, access and refresh tokens, signing keys (docs/security.md). */
@ConfigMapping(prefix = "mde.auth")
public interface AuthConfig {

    /** Off only for tests that exercise something else: then every /api/v1 call is served unauthenticated. */
    @WithDefault("true")
    boolean enabled();

    /** {@code iss} of the access tokens (checked on verification). */
    @WithDefault("market-data-engine")
    String issuer();

    /** {@code aud} of the access tokens (checked on verification). */
    @WithDefault("market-data-api")
    String audience();

    /** Lifetime of an access token. */
    @WithDefault("15m")
    Duration accessTokenTtl();

    /** Lifetime of a refresh token (each refresh issues a new one). */
    @WithDefault("24h")
    Duration refreshTokenTtl();

    /** Tolerated clock difference on exp/nbf. */
    @WithDefault("30s")
    Duration clockSkew();

    /**
     * Folder of PEM signing keys (ES256 P-256 or RS256 RSA, PKCS#8 {@code PRIVATE KEY} plus, for EC, the
     * {@code PUBLIC KEY} block; public-only files verify but never sign). All verify; the last file in name order
     * with a private key signs. Re-read every {@code key-reload-interval}. Unset: a key pair generated at start.
     */
    Optional<String> signingKeysDir();

    /** How often the signing-keys folder is re-read. */
    @WithDefault("60s")
    Duration keyReloadInterval();

    /** Without a folder: how often a new key pair is generated (the previous one verifies for one token lifetime more). */
    @WithDefault("24h")
    Duration keyRotation();

    /** PostgreSQL for API keys and refresh tokens; unset: {@code mde.cache.pg-url}; neither: in this process's memory. */
    Optional<String> pgUrl();

    @WithDefault("mde_auth")
    String pgSchema();

    /** An API key created at start (plan pro with real-time Casablanca) if not yet known: for demos and standalone. */
    Optional<String> demoKey();

    /** An admin API key created at start if not yet known. Standalone without one: a random admin key is printed. */
    Optional<String> adminKey();

    /** Print a random admin key at start when {@code admin-key} is unset (standalone). */
    @WithDefault("false")
    boolean printAdminKey();

    /** WebSocket without an Authorization header: time to send {"action":"auth","token":...}. */
    @WithDefault("5s")
    Duration wsAuthTimeout();

    /** WebSocket: how long before the token's expiry the "token_expiring" warning is sent. */
    @WithDefault("60s")
    Duration wsExpiryWarning();

    /**
     * How long the answer "is this API key still active" is kept per key (access tokens carry the key id): a
     * revoked key's tokens are refused at once in the revoking process, within this time in the others.
     */
    @WithDefault("5s")
    Duration keyCheckTtl();

    /** Failed authentications (401) allowed per remote address before 429 ({@code n/period}). */
    @WithDefault("20/1m")
    String failedAuthLimit();

    /** Access tokens verified once and then known until they expire ({@link VerifiedTokenCache}). */
    TokenCache tokenCache();

    /** API keys presented directly on data calls, known after one store lookup ({@link ApiKeyIdentities}). */
    KeyCache keyCache();

    interface TokenCache {
        /** Bound of the verified-token cache (about 350 bytes an entry); 0 verifies every token on every request. */
        @WithDefault("50000")
        int maxEntries();
    }

    interface KeyCache {
        /** Bound of the API key -> identity cache (about 250 bytes an entry); 0 asks the store on every request. */
        @WithDefault("10000")
        int maxEntries();
    }
}
