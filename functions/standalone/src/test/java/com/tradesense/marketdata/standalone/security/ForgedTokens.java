package com.tradesense.marketdata.standalone.security;

import com.tradesense.marketdata.rest.security.SigningKeys;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Hostile tokens, by class: each must be refused. Built from a real token of the engine (for tampering and
 * truncation) and from the engine's own signing key (to show that a correct signature with a bad claim
 * is refused as well).
 */
final class ForgedTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys.Key key;
    private final String issuer;
    private final String audience;
    private final String valid;
    private final Random random = new Random(20261126);
    private final Map<String, List<String>> byClass = new LinkedHashMap<>();

    ForgedTokens(SigningKeys.Key key, String issuer, String audience, String valid) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.valid = valid;
    }

    Map<String, List<String>> all() throws Exception {
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        KeyPair otherEc = ec();
        KeyPair otherRsa = rsa();
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            for (String kid : List.of(key.kid(), "x")) {
                String h = b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}");
                add("alg none", h + "." + parts[1] + ".");
                add("alg none", h + "." + parts[1]);
                add("alg none", h + "." + parts[1] + "." + parts[2]);
                add("alg none", h + "." + b64(payload.replace("\"pro\"", "\"enterprise\"")) + ".");
            }
        }
        byte[] encodedPublic = key.publicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(encodedPublic) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(encodedPublic, pem.getBytes(StandardCharsets.US_ASCII),
                pem.trim().getBytes(StandardCharsets.US_ASCII))) {
            for (String alg : List.of(AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384, AlgorithmIdentifiers.HMAC_SHA512)) {
                for (int v = 0; v < 4; v++) {
                    add("HMAC with the public key", sign(claims(0, 900, v), new HmacKey(secret), alg, key.kid()));
                }
            }
        }
        for (int v = 0; v < 12; v++) {
            add("wrong key", sign(claims(0, 900, v), otherEc.getPrivate(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, key.kid()));
            add("wrong key", sign(claims(0, 900, v), otherEc.getPrivate(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "unknown-" + v));
            add("wrong key", sign(claims(0, 900, v), otherRsa.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, key.kid()));
            add("wrong key", sign(claims(0, 900, v), key.privateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "unknown-" + v));
            add("wrong key", sign(claims(0, 900, v), key.privateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, null));
        }
        for (int v = 0; v < 20; v++) {
            int fv = v;
            add("wrong audience", sign(claims(0, 900, v, c -> c.setAudience(fv % 2 == 0 ? "other-api" : audience + "x"))));
            add("wrong issuer", sign(claims(0, 900, v, c -> c.setIssuer(fv % 2 == 0 ? "https://evil.example" : issuer.toUpperCase()))));
            add("expired", sign(claims(-3600 - v * 60, 60 + v, v)));
            add("not yet valid", sign(claims(600 + v * 60, 900, v)));
            add("bad claims", sign(claims(0, 900, v, c -> {
                switch (fv % 5) {
                    case 0 -> c.unsetClaim("exp");
                    case 1 -> c.unsetClaim("sub");
                    case 2 -> c.unsetClaim("jti");
                    case 3 -> c.setClaim("plan", "platinum");
                    default -> c.unsetClaim("aud");
                }
            })));
            add("algorithm mismatch", sign(claims(0, 900, v), key.privateKey(), fv % 2 == 0
                    ? AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384 : AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, key.kid(), true));
        }
        for (String edit : List.of("\"plan\":\"enterprise\"", "\"plan\":\"free\"")) {
            add("tampered payload", parts[0] + "." + b64(payload.replaceFirst("\"plan\":\"[a-z]+\"", edit)) + "." + parts[2]);
        }
        add("tampered payload", parts[0] + "." + b64(payload.replaceFirst("\"groups\":\\[", "\"groups\":[\"admin\",")) + "." + parts[2]);
        add("tampered payload", parts[0] + "." + b64(payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":9999999999")) + "." + parts[2]);
        add("tampered payload", parts[0] + "." + b64(payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"someone-else\"")) + "." + parts[2]);
        for (int v = 0; v < 60; v++) {
            int part = v % 3;
            String[] p = parts.clone();
            char[] chars = p[part].toCharArray();
            int at = random.nextInt(chars.length);
            char c = chars[at];
            chars[at] = c == 'A' ? 'B' : 'A';
            p[part] = new String(chars);
            add("tampered bytes", String.join(".", p));
        }
        for (int v = 0; v < 40; v++) {
            add("garbage", randomText(1 + random.nextInt(200)));
            add("garbage", b64(randomBytes(20)) + "." + b64(randomBytes(40)) + "." + b64(randomBytes(64)));
        }
        for (String g : List.of("", ".", "..", "...", "a.b.c", "eyJ.eyJ.", "null", "{}", "Bearer", "e30.e30.e30",
                b64("{\"alg\":\"ES256\"}") + "." + b64("[]") + ".x", b64("[1,2]") + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1], parts[0], parts[0] + ".." + parts[2], valid + ".", valid + "." + parts[2])) {
            add("garbage", g);
        }
        for (int cut = 1; cut < valid.length(); cut += Math.max(1, valid.length() / 60)) {
            add("truncated", valid.substring(0, cut));
        }
        add("truncated", valid.substring(0, valid.length() - 1));
        for (int size : List.of(4097, 8000, 15000)) {
            add("huge", valid + "A".repeat(size - valid.length()));
            add("huge", b64(("{\"alg\":\"ES256\",\"kid\":\"" + "k".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2]);
        }
        return byClass;
    }

    private void add(String kind, String token) {
        byClass.computeIfAbsent(kind, k -> new ArrayList<>()).add(token);
    }

    private JwtClaims claims(long nbfOffset, long ttl, int variant) {
        return claims(nbfOffset, ttl, variant, c -> { });
    }

    private JwtClaims claims(long nbfOffset, long ttl, int variant, Consumer<JwtClaims> edit) {
        long now = System.currentTimeMillis() + nbfOffset * 1000;
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience(audience);
        c.setSubject("forger-" + variant);
        c.setClaim("plan", variant % 2 == 0 ? "enterprise" : "pro");
        c.setStringListClaim("groups", List.of("admin"));
        c.setIssuedAt(NumericDate.fromMilliseconds(now));
        c.setNotBefore(NumericDate.fromMilliseconds(now));
        c.setExpirationTime(NumericDate.fromMilliseconds(now + ttl * 1000));
        c.setGeneratedJwtId();
        edit.accept(c);
        return c;
    }

    private String sign(JwtClaims claims) throws Exception {
        return sign(claims, key.privateKey(), key.algorithm(), key.kid());
    }

    private static String sign(JwtClaims claims, Key with, String alg, String kid) throws Exception {
        return sign(claims, with, alg, kid, false);
    }

    private static String sign(JwtClaims claims, Key with, String alg, String kid, boolean relaxed) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(with);
        jws.setAlgorithmHeaderValue(alg);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        if (relaxed) {
            // the engine's P-256 key under a P-384/P-521 algorithm name: jose4j refuses to sign that, so the
            // header is swapped after signing with ES256
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            String[] p = jws.getCompactSerialization().split("\\.");
            return b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}") + "." + p[1] + "." + p[2];
        }
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    private String randomText(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ~!%";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString().trim().isEmpty() ? "x" : b.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] b) {
        return B64.encodeToString(b);
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
