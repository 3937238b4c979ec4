package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.access.Plans;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Signs and verifies access tokens: compact JWS (ES256, or RS256 with an RSA key from the folder) with
 * {@code kid}, {@code iss}, {@code aud}, {@code sub}, {@code plan}, {@code groups} (roles and granted
 * entitlements), {@code key} (the API key id), {@code iat}, {@code nbf}, {@code exp} and {@code jti}.
 *
 * <p>Verification accepts only ES256 and RS256 (so {@code alg:none} and HMAC tricks fail before any key is
 * looked at), takes the key named by {@code kid} from the current ring only (a key type that does not match
 * the algorithm fails), and checks iss, aud, exp and nbf with {@code clock-skew} of tolerance. A token that passed
 * is remembered ({@link VerifiedTokenCache}, {@code mde.auth.token-cache.max-entries}) until it expires, so the
 * signature is checked once per token, not once per request; every later use still re-checks the times and that
 * the ring still holds the key that verified it.
 */
public final class AccessTokens {
    /** Longer than any token this engine issues; bigger ones are refused before parsing. */
    static final int MAX_TOKEN_CHARS = 4096;

    /** Default bound of the verified-token cache (about 350 bytes an entry: digest, claims, node; 17 MB when full). */
    public static final int DEFAULT_CACHE_ENTRIES = 50_000;

    /**
     * An authenticated caller: from a verified access token, or from an API key presented directly
     * ({@link ApiKeyIdentities}), then {@code expiresAt} is null (an API key does not expire; it is revoked).
     */
    public record Verified(ClientIdentity identity, Instant expiresAt, String apiKeyId) {
        /** True for an API key presented directly rather than a token exchanged for one. */
        public boolean apiKey() {
            return expiresAt == null;
        }
    }

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Duration skew;
    private final Clock clock;
    /** Null when {@code mde.auth.token-cache.max-entries} is 0: every use is verified in full. */
    private final VerifiedTokenCache cache;

    public AccessTokens(SigningKeys keys, String issuer, String audience, Duration ttl, Duration skew, Clock clock) {
        this(keys, issuer, audience, ttl, skew, clock, DEFAULT_CACHE_ENTRIES);
    }

    public AccessTokens(SigningKeys keys, String issuer, String audience, Duration ttl, Duration skew, Clock clock, int cacheEntries) {
        this.cache = cacheEntries > 0 ? new VerifiedTokenCache(cacheEntries, keys, skew, clock) : null;
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.skew = skew;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Verified tokens held in the cache (0 without one), for tests and metrics. */
    long cachedTokens() {
        return cache == null ? 0 : cache.size();
    }

    /** A signed token for {@code identity}, issued from API key {@code keyId}. */
    public String issue(ClientIdentity identity, String keyId) {
        SigningKeys.Key key = keys.signing();
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(identity.subject());
        claims.setClaim("plan", identity.plan());
        claims.setStringListClaim("groups", new ArrayList<>(new TreeSet<>(identity.roles())));
        claims.setClaim("key", keyId);
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setNotBefore(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(now.plus(ttl).toEpochMilli()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }

    /** The identity in {@code token}, or empty if it is not a valid token of this engine now. */
    public Optional<Verified> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        SecretDigest digest = null;
        if (cache != null) {
            // Looked up before the canonical-spelling check, which costs more than the hash (it was the largest item of
            // a cached request's profile). Safe: a hit means this string's UTF-8 bytes equal those of a token that passed
            // that check, and only that very string has them (UTF-8 is one-to-one on well-formed text; a lone surrogate
            // encodes as '?', which no canonical token holds).
            digest = SecretDigest.of(token);
            Verified known = cache.valid(digest);
            if (known != null) {
                return Optional.of(known);
            }
        }
        // only the one spelling this engine wrote is parsed, verified and cached
        if (!canonical(token)) {
            return Optional.empty();
        }
        try {
            SigningKeys.Key[] used = new SigningKeys.Key[1];
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.RSA_USING_SHA256))
                    .setVerificationKeyResolver((jws, nested) -> {
                        used[0] = keys.find(jws.getKeyIdHeaderValue())
                                .filter(k -> k.algorithm().equals(jws.getAlgorithmHeaderValue()))
                                .orElseThrow(() -> new UnresolvableKeyException("unknown kid"));
                        return used[0].publicKey();
                    })
                    .setExpectedIssuer(issuer)
                    .setExpectedAudience(audience)
                    .setRequireSubject()
                    .setRequireExpirationTime()
                    .setRequireJwtId()
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .setAllowedClockSkewInSeconds((int) skew.toSeconds())
                    .build();
            JwtClaims claims = consumer.processToClaims(token);
            String plan = claims.getClaimValue("plan") instanceof String p ? Plans.find(p).orElse(null) : null;
            if (plan == null) {
                return Optional.empty();
            }
            List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
            String keyId = claims.getClaimValue("key") instanceof String k ? k : null;
            Instant exp = Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis());
            Verified verified = new Verified(new ClientIdentity(claims.getSubject(), plan, Set.copyOf(groups)), exp, keyId);
            if (digest != null && used[0] != null) {
                NumericDate nbf = claims.getNotBefore();
                cache.put(digest, new VerifiedTokenCache.Entry(verified, used[0].kid(), used[0].publicKey(),
                        nbf == null ? Long.MIN_VALUE : nbf.getValue(), claims.getExpirationTime().getValue()));
            }
            return Optional.of(verified);
        } catch (Exception e) {
            // every malformed, forged, expired or foreign token ends here: the caller answers 401
            return Optional.empty();
        }
    }

    /**
     * Three segments of canonical base64url: the last character of a segment has unused low bits that a
     * lenient decoder ignores, so without this check one token would have several spellings (a tampered
     * token that decodes to the same bytes). Each is refused but the one this engine wrote.
     */
    static boolean canonical(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return canonicalSegment(token, 0, first) && canonicalSegment(token, first + 1, second)
                && canonicalSegment(token, second + 1, token.length());
    }

    private static boolean canonicalSegment(String s, int from, int to) {
        int n = to - from;
        if (n == 0 || n % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (value(s.charAt(i)) < 0) {
                return false;
            }
        }
        int last = value(s.charAt(to - 1));
        return switch (n % 4) {
            case 2 -> (last & 0x0F) == 0;  // 1 byte in the last group: 4 unused bits
            case 3 -> (last & 0x03) == 0;  // 2 bytes: 2 unused bits
            default -> true;
        };
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    /** The public keys that verify now, as a JWK Set. */
    public String jwks() {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (SigningKeys.Key k : keys.verifying()) {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(k.publicKey());
                jwk.setKeyId(k.kid());
                jwk.setAlgorithm(k.algorithm());
                jwk.setUse("sig");
                jwks.add(jwk);
            } catch (JoseException e) {
                throw new IllegalStateException("cannot publish key " + k.kid(), e);
            }
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
