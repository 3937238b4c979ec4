package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.access.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRotationTest {
    private static final ClientIdentity WHO = new ClientIdentity("desk-1", "pro", Set.of("realtime-cse"));

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static AccessTokens tokens(SigningKeys keys, Clock clock) {
        return new AccessTokens(keys, "iss-test", "aud-test", Duration.ofMinutes(15), Duration.ofSeconds(30), clock);
    }

    @Test
    void generatedKeysRotateAndThePreviousOneVerifiesForOneTokenLifetime() {
        MovingClock clock = new MovingClock();
        SigningKeys keys = SigningKeys.generated(Duration.ofMinutes(15).plusSeconds(30), clock);
        AccessTokens tokens = tokens(keys, clock);
        String old = tokens.issue(WHO, "key_1");
        String oldKid = keys.signing().kid();
        assertThat(tokens.verify(old)).map(v -> v.identity()).contains(WHO);
        clock.now = clock.now.plusSeconds(60);
        keys.rotate();
        assertThat(keys.signing().kid()).isNotEqualTo(oldKid);
        String fresh = tokens.issue(WHO, "key_1");
        assertThat(tokens.verify(old)).isPresent();
        assertThat(tokens.verify(fresh)).isPresent();
        assertThat(tokens.jwks()).contains(oldKid).contains(keys.signing().kid());
        // a second rotation inside the old key's grace keeps it; after the grace it is gone from the ring and the JWKS
        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(31);
        keys.rotate();
        assertThat(keys.find(oldKid)).isEmpty();
        assertThat(tokens.jwks()).doesNotContain(oldKid);
        assertThat(tokens.verify(old)).isEmpty();
    }

    @Test
    void folderKeysNewestSignsAllVerifyRemovedKeyNoLonger(@TempDir Path dir) throws Exception {
        write(dir.resolve("2026-01-01.pem"), ec(), true);
        Clock clock = Clock.systemUTC();
        SigningKeys keys = SigningKeys.fromFolder(dir);
        AccessTokens tokens = tokens(keys, clock);
        assertThat(keys.signing().kid()).isEqualTo("2026-01-01");
        String first = tokens.issue(WHO, "key_1");
        write(dir.resolve("2026-06-01.pem"), ec(), true);
        write(dir.resolve("zz-verify-only.pem"), ec(), false);
        keys.reload();
        assertThat(keys.signing().kid()).isEqualTo("2026-06-01");
        assertThat(keys.verifying()).hasSize(3);
        String second = tokens.issue(WHO, "key_1");
        assertThat(tokens.verify(first)).isPresent();
        assertThat(tokens.verify(second)).isPresent();
        Files.delete(dir.resolve("2026-01-01.pem"));
        keys.reload();
        assertThat(tokens.verify(first)).isEmpty();
        assertThat(tokens.verify(second)).isPresent();
        // a folder left without any private key keeps the ring it had
        Files.delete(dir.resolve("2026-06-01.pem"));
        keys.reload();
        assertThat(tokens.verify(second)).isPresent();
    }

    @Test
    void rsaKeysSignRs256(@TempDir Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair rsa = g.generateKeyPair();
        Files.writeString(dir.resolve("rsa.pem"), pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
        SigningKeys keys = SigningKeys.fromFolder(dir);
        assertThat(keys.signing().algorithm()).isEqualTo("RS256");
        AccessTokens tokens = tokens(keys, Clock.systemUTC());
        assertThat(tokens.verify(tokens.issue(WHO, "k"))).isPresent();
    }

    @Test
    void onlyCanonicalBase64UrlSegmentsPass() {
        assertThat(AccessTokens.canonical("eyJ.eyJ.AA")).isFalse();
        assertThat(AccessTokens.canonical("eyJh.eyJh.AAAA")).isTrue();
        assertThat(AccessTokens.canonical("eyJh.eyJh.AB")).isFalse();
        assertThat(AccessTokens.canonical("eyJh.eyJh.AQ")).isTrue();
        assertThat(AccessTokens.canonical("eyJh.eyJh")).isFalse();
        assertThat(AccessTokens.canonical("eyJh.eyJh.AAAA.AAAA")).isFalse();
        assertThat(AccessTokens.canonical("eyJh.ey+h.AAAA")).isFalse();
        assertThat(AccessTokens.canonical("eyJh..AAAA")).isFalse();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static void write(Path file, KeyPair pair, boolean withPrivate) throws Exception {
        String text = (withPrivate ? pem("PRIVATE KEY", pair.getPrivate().getEncoded()) : "") + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Files.writeString(file, text);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
