package com.tradesense.marketdata.rest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets (API keys, refresh tokens) and their stored form.
 *
 * <p>Why plain SHA-256 is enough here: the secrets are 256 random bits made by {@link SecureRandom}, not
 * passwords a person chose. Slow hashes (bcrypt, argon2) exist to make guessing low-entropy passwords from
 * a stolen table expensive; with 2^256 candidates there is nothing to guess, and preimage resistance of
 * SHA-256 suffices. A fast hash also lets the token endpoint look a key up by an indexed equality.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code prefix} followed by 32 random bytes, base64url without padding. */
    public static String newSecret(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A short random public id ({@code prefix} + 12 hex digits). */
    public static String newId(String prefix) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** Hex SHA-256 of the secret: what the store keeps. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
