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
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The verified-token cache inside {@link AccessTokens}: what may be served from it, for how long, and what stops it. */
class VerifiedTokenCacheTest {
    private static final ClientIdentity WHO = new ClientIdentity("desk-1", "pro", Set.of("realtime-cse"));
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final Duration SKEW = Duration.ofSeconds(30);

    private static AccessTokens tokens(SigningKeys keys, Clock clock, int entries) {
        return new AccessTokens(keys, "iss-test", "aud-test", TTL, SKEW, clock, entries);
    }

    @Test
    void aCachedTokenIsServedUntilExpiryPlusSkewAndNotOneSecondLonger() {
        KeyRotationTest.MovingClock clock = new KeyRotationTest.MovingClock();
        SigningKeys keys = SigningKeys.generated(TTL.plus(SKEW), clock);
        AccessTokens tokens = tokens(keys, clock, 100);
        String token = tokens.issue(WHO, "key_1");
        assertThat(tokens.verify(token)).map(AccessTokens.Verified::identity).contains(WHO);
        assertThat(tokens.cachedTokens()).isEqualTo(1);
        // exp is issue + 15 min; the verifier tolerates 30 s of skew: the cache does exactly the same
        clock.now = clock.now.plus(TTL).plus(SKEW).minusMillis(1);
        assertThat(tokens.verify(token)).isPresent();
        clock.now = clock.now.plusMillis(1);
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.cachedTokens()).isZero();
        // and the uncached verifier agrees at that instant (same rule, not a stricter or looser one)
        assertThat(tokens(keys, clock, 0).verify(token)).isEmpty();
        clock.now = clock.now.minusMillis(1);
        assertThat(tokens(keys, clock, 0).verify(token)).isPresent();
    }

    @Test
    void theCacheIsBounded() {
        KeyRotationTest.MovingClock clock = new KeyRotationTest.MovingClock();
        AccessTokens tokens = tokens(SigningKeys.generated(TTL.plus(SKEW), clock), clock, 16);
        List<String> issued = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String t = tokens.issue(new ClientIdentity("desk-" + i, "pro", Set.of()), "key_" + i);
            issued.add(t);
            assertThat(tokens.verify(t)).isPresent();
        }
        assertThat(tokens.cachedTokens()).isLessThanOrEqualTo(16);
        // evicted tokens are not lost, only verified in full again
        assertThat(issued).allSatisfy(t -> assertThat(tokens.verify(t)).isPresent());
        assertThat(tokens.cachedTokens()).isLessThanOrEqualTo(16);
    }

    @Test
    void onlyTheWholeTokenHits() {
        KeyRotationTest.MovingClock clock = new KeyRotationTest.MovingClock();
        AccessTokens tokens = tokens(SigningKeys.generated(TTL.plus(SKEW), clock), clock, 100);
        String token = tokens.issue(WHO, "key_1");
        assertThat(tokens.verify(token)).isPresent();
        // an ES256 signature is 64 bytes = 86 base64url characters: the last one carries 2 bits and 4 unused ones, so
        // A, Q, g and w are its only canonical spellings. Each other one is a different token that passes the shape
        // checks and must reach full verification (and fail it), not hit the cached genuine token.
        char last = token.charAt(token.length() - 1);
        int tried = 0;
        for (char c : new char[]{'A', 'Q', 'g', 'w'}) {
            if (c == last) {
                continue;
            }
            String other = token.substring(0, token.length() - 1) + c;
            assertThat(AccessTokens.canonical(other)).isTrue();
            assertThat(tokens.verify(other)).as("last char %s instead of %s", c, last).isEmpty();
            tried++;
        }
        assertThat(tried).isEqualTo(3);
        // a lenient decoder's other spellings of the very same bytes (unused low bits set): not a hit, and refused
        char sloppy = (char) (last + 1);
        String sameBytes = token.substring(0, token.length() - 1) + sloppy;
        assertThat(AccessTokens.canonical(sameBytes)).isFalse();
        assertThat(tokens.verify(sameBytes)).isEmpty();
        // the same characters with a lone surrogate or a non-ASCII one in place of the last: UTF-8 keeps them apart
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + '\uD800')).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + (char) (last + 0x100))).isEmpty();
        // prefixes and extensions of the genuine token are not it either
        assertThat(tokens.verify(token.substring(0, token.length() - 4))).isEmpty();
        assertThat(tokens.verify(token + "AAAA")).isEmpty();
        assertThat(tokens.cachedTokens()).isEqualTo(1);
        assertThat(tokens.verify(token)).isPresent();
    }

    @Test
    void digestsCompareAll256BitsAndMatchTheStoredHash() {
        String key = "mde_" + "x".repeat(43);
        String neighbour = key.substring(0, key.length() - 1) + "y";
        assertThat(SecretDigest.of(key)).isEqualTo(SecretDigest.of(key)).isNotEqualTo(SecretDigest.of(neighbour));
        assertThat(SecretDigest.of(key).hex()).isEqualTo(Secrets.hash(key));
        assertThat(SecretDigest.of("mde-demo-key").hex()).isEqualTo(Secrets.hash("mde-demo-key"));
        // digests that agree on the first 64 bits (the hash code) still differ as keys
        SecretDigest a = new SecretDigest(1, 2, 3, 4);
        assertThat(a).isNotEqualTo(new SecretDigest(1, 2, 3, 5)).hasSameHashCodeAs(new SecretDigest(1, 2, 3, 5));
        assertThat(a.toString()).doesNotContain(SecretDigest.of(key).hex());
    }

    @Test
    void aSigningKeyRemovedOrReplacedStopsItsCachedTokens(@TempDir Path dir) throws Exception {
        write(dir.resolve("2026-01-01.pem"), ec());
        SigningKeys keys = SigningKeys.fromFolder(dir);
        AccessTokens tokens = tokens(keys, Clock.systemUTC(), 100);
        String first = tokens.issue(WHO, "key_1");
        assertThat(tokens.verify(first)).isPresent();
        write(dir.resolve("2026-06-01.pem"), ec());
        keys.reload();
        String second = tokens.issue(WHO, "key_1");
        assertThat(tokens.verify(first)).isPresent();
        assertThat(tokens.verify(second)).isPresent();
        assertThat(tokens.cachedTokens()).isEqualTo(2);
        // a reload that changes nothing keeps the cached tokens valid (new key objects, same keys)
        keys.reload();
        assertThat(tokens.verify(first)).isPresent();
        // the operator removes the old key: its cached token is refused at once
        Files.delete(dir.resolve("2026-01-01.pem"));
        keys.reload();
        assertThat(tokens.verify(first)).isEmpty();
        assertThat(tokens.verify(second)).isPresent();
        // a different key written under the same name (same kid): the cached token of the old key goes too
        write(dir.resolve("2026-06-01.pem"), ec());
        keys.reload();
        assertThat(tokens.verify(second)).isEmpty();
    }

    @Test
    void aRetiredGeneratedKeyStopsItsCachedTokens() {
        KeyRotationTest.MovingClock clock = new KeyRotationTest.MovingClock();
        SigningKeys keys = SigningKeys.generated(TTL.plus(SKEW), clock);
        AccessTokens tokens = new AccessTokens(keys, "iss-test", "aud-test", Duration.ofHours(4), SKEW, clock, 100);
        String old = tokens.issue(WHO, "key_1");
        assertThat(tokens.verify(old)).isPresent();
        keys.rotate();
        assertThat(tokens.verify(old)).isPresent();
        // the token itself is good for hours more, but its key verifies only one access-token lifetime after rotation
        clock.now = clock.now.plus(TTL).plus(SKEW);
        assertThat(tokens.verify(old)).isEmpty();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static void write(Path file, KeyPair pair) throws Exception {
        Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
