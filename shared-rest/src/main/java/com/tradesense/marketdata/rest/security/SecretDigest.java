package com.tradesense.marketdata.rest.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a presented secret (an access token or an API key), as four longs: the key of the verification
 * caches ({@link AccessTokens}, {@link ApiKeyIdentities}). Equality compares all 256 bits, so a cache hit means the
 * very same secret was presented (a collision or a shared prefix would have to break SHA-256), while the cache holds
 * 32 bytes per entry instead of the secret itself. {@link #hex()} is the form the {@link AuthStore} keeps
 * ({@link Secrets#hash}): one digest serves the cache and the store lookup.
 */
record SecretDigest(long a, long b, long c, long d) {
    /** One per thread: MessageDigest is not thread-safe, and getInstance on every request costs a provider lookup. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** SHA-256 of the secret's UTF-8 bytes (the encoding {@link Secrets#hash} uses). */
    static SecretDigest of(String secret) {
        ByteBuffer sum = ByteBuffer.wrap(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
        return new SecretDigest(sum.getLong(), sum.getLong(), sum.getLong(), sum.getLong());
    }

    /** Lower-case hex, equal to {@link Secrets#hash} of the same secret. */
    String hex() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(a) + hex.toHexDigits(b) + hex.toHexDigits(c) + hex.toHexDigits(d);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(a); // already uniformly spread: SHA-256 output
    }

    @Override
    public String toString() {
        return "SecretDigest[" + HexFormat.of().toHexDigits(a) + "...]"; // never the whole digest in a log
    }
}
