package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.rest.security.Credential.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a request's credential is read: the three places, the JWT/key shape rule, conflicts and junk. */
class CredentialTest {
    private static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    private static final String KEY = "mde_Jx2Qe0Jm5m7ZpVZz4hQk2nq3y0uX8l9gXy6VtKpH0a4";

    private static Credential of(List<String> auth, List<String> keys, String query) {
        return Credential.of(auth, keys, query);
    }

    @Test
    void eachPlaceAndTheShapeRule() {
        assertThat(of(List.of("Bearer " + JWT), null, null)).isEqualTo(new Credential(Kind.ACCESS_TOKEN, JWT));
        assertThat(of(List.of("Bearer " + KEY), null, null)).isEqualTo(new Credential(Kind.API_KEY, KEY));
        assertThat(of(List.of("bearer " + KEY), null, null).kind()).isEqualTo(Kind.API_KEY);
        assertThat(of(null, List.of(KEY), null)).isEqualTo(new Credential(Kind.API_KEY, KEY));
        assertThat(of(List.of(), List.of(), "interval=1d&apiKey=" + KEY + "&from=2025-01-02")).isEqualTo(new Credential(Kind.API_KEY, KEY));
        assertThat(of(null, null, "apiKey=mde-demo-key")).isEqualTo(new Credential(Kind.API_KEY, "mde-demo-key"));
        // percent-encoded, and the parameter name is exact (apikey, xapiKey are other parameters)
        assertThat(of(null, null, "apiKey=mde%5Fabc").secret()).isEqualTo("mde_abc");
        assertThat(of(null, null, "apikey=" + KEY).kind()).isEqualTo(Kind.NONE);
        assertThat(of(null, null, "xapiKey=" + KEY).kind()).isEqualTo(Kind.NONE);
        assertThat(of(null, null, "q=apiKey=" + KEY).kind()).isEqualTo(Kind.NONE);
        // a JWT in X-API-Key or the query is taken as a key (and will be unknown): those places carry keys only
        assertThat(of(null, List.of(JWT), null).kind()).isEqualTo(Kind.API_KEY);
        // two dots make a JWT, one or three do not
        assertThat(Credential.jwtShaped("a.b.c")).isTrue();
        assertThat(Credential.jwtShaped("a.b")).isFalse();
        assertThat(Credential.jwtShaped("a.b.c.d")).isFalse();
        assertThat(Credential.jwtShaped(KEY)).isFalse();
    }

    @Test
    void oneCredentialPerRequest() {
        assertThat(of(List.of("Bearer " + KEY), List.of("mde_other"), null).kind()).isEqualTo(Kind.CONFLICTING);
        assertThat(of(null, List.of(KEY), "apiKey=mde_other").kind()).isEqualTo(Kind.CONFLICTING);
        assertThat(of(null, List.of(KEY, "mde_other"), null).kind()).isEqualTo(Kind.CONFLICTING);
        assertThat(of(List.of("Bearer " + JWT, "Bearer " + KEY), null, null).kind()).isEqualTo(Kind.CONFLICTING);
        assertThat(of(null, null, "apiKey=" + KEY + "&apiKey=mde_other").kind()).isEqualTo(Kind.CONFLICTING);
        assertThat(of(List.of("Bearer " + JWT), List.of(KEY), null).kind()).isEqualTo(Kind.CONFLICTING);
        // the same value repeated is one credential
        assertThat(of(List.of("Bearer " + KEY), List.of(KEY), "apiKey=" + KEY)).isEqualTo(new Credential(Kind.API_KEY, KEY));
        assertThat(of(null, List.of(KEY, KEY), null)).isEqualTo(new Credential(Kind.API_KEY, KEY));
        // another scheme beside a usable credential is ignored; alone it is unusable
        assertThat(of(List.of("Basic dXNlcjpwYXNz"), List.of(KEY), null)).isEqualTo(new Credential(Kind.API_KEY, KEY));
        assertThat(of(List.of("Basic dXNlcjpwYXNz"), null, null).kind()).isEqualTo(Kind.UNUSABLE);
    }

    @Test
    void junk() {
        assertThat(of(null, null, null).kind()).isEqualTo(Kind.NONE);
        assertThat(of(List.of(), List.of(""), "apiKey=").kind()).isEqualTo(Kind.NONE);
        assertThat(of(List.of("Bearer "), null, null).kind()).isEqualTo(Kind.UNUSABLE);
        assertThat(of(List.of("Bearer      "), null, null).kind()).isEqualTo(Kind.UNUSABLE);
        assertThat(of(List.of("Bearer"), null, null).kind()).isEqualTo(Kind.UNUSABLE);
        assertThat(of(null, null, "apiKey=%ZZ").kind()).isEqualTo(Kind.UNUSABLE);
        // surrounding spaces are trimmed; spaces inside make no key
        assertThat(of(List.of("Bearer    " + KEY + "   "), null, null).secret()).isEqualTo(KEY);
        assertThat(Credential.plausibleKey(KEY)).isTrue();
        assertThat(Credential.plausibleKey("mde-demo-key")).isTrue();
        assertThat(Credential.plausibleKey("mde_a b")).isFalse();
        assertThat(Credential.plausibleKey("mde_\u00e9t\u00e9")).isFalse();
        assertThat(Credential.plausibleKey("mde_\u20ac")).isFalse();
        assertThat(Credential.plausibleKey("mde_\u0000")).isFalse();
        assertThat(Credential.plausibleKey("k".repeat(Credential.MAX_KEY_CHARS))).isTrue();
        assertThat(Credential.plausibleKey("k".repeat(Credential.MAX_KEY_CHARS + 1))).isFalse();
        assertThat(Credential.plausibleKey("")).isFalse();
        // nothing of the secret in a log line of the credential
        assertThat(of(null, List.of(KEY), null).toString()).doesNotContain(KEY);
    }

    @Test
    void failedAuthenticationsHoldAnAddressBackAfterTheLimit() {
        FailedAuthentications failures = new FailedAuthentications("3/1m");
        assertThat(failures.refusal("10.0.0.1")).isNull();
        failures.failed("10.0.0.1");
        failures.failed("10.0.0.1");
        assertThat(failures.refusal("10.0.0.1")).isNull();
        assertThat(failures.failed("10.0.0.1").allowed()).isTrue();
        assertThat(failures.refusal("10.0.0.1")).isNotNull();
        assertThat(FailedAuthentications.retryAfterSeconds(failures.refusal("10.0.0.1"))).isBetween(1L, 60L);
        assertThat(failures.failed("10.0.0.1").allowed()).isFalse();
        assertThat(failures.refusal("10.0.0.2")).isNull();
    }
}
