package com.tradesense.marketdata.rest.security;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys presented directly: one store lookup per key, only known keys kept, revocation still through ActiveKeys. */
class ApiKeyIdentitiesTest {
    @Test
    void onlyKnownApiKeysAreKeptAndTheBoundHolds() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MemoryAuthStore store = new MemoryAuthStore();
            ActiveKeys active = new ActiveKeys(store, vertx, Duration.ofSeconds(5));
            ApiKeyIdentities identities = new ApiKeyIdentities(store, vertx, active, 8);
            Set<String> secrets = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                String secret = Secrets.newSecret(TokenService.KEY_PREFIX);
                secrets.add(secret);
                store.addKey(new AuthStore.ApiKey("key_" + i, Secrets.hash(secret), "desk-" + i, i % 2 == 0 ? "free" : "pro", Set.of(),
                        java.time.Instant.now(), null));
            }
            for (String s : secrets) {
                AccessTokens.Verified v = identities.lookup(s).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
                assertThat(v.apiKey()).isTrue();
                assertThat(v.identity().subject()).startsWith("desk-");
                assertThat(active.cached(v.apiKeyId())).isTrue(); // the lookup told ActiveKeys: no second store call
            }
            assertThat(identities.size()).isLessThanOrEqualTo(8);
            // unknown keys are answered empty and never kept
            for (int i = 0; i < 50; i++) {
                assertThat(identities.lookup("mde_guess" + i).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEmpty();
            }
            assertThat(identities.size()).isLessThanOrEqualTo(8);
            String one = secrets.iterator().next();
            identities.lookup(one).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(identities.cached(one)).isNotNull();
            assertThat(identities.cached(one.substring(0, one.length() - 1))).isNull();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRevokedKeyIsFoundButRefusedAndAStoreOutageFailsTheLookup() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MemoryAuthStore store = new MemoryAuthStore();
            ActiveKeys active = new ActiveKeys(store, vertx, Duration.ofSeconds(5));
            ApiKeyIdentities identities = new ApiKeyIdentities(store, vertx, active, 100);
            String secret = Secrets.newSecret(TokenService.KEY_PREFIX);
            store.addKey(new AuthStore.ApiKey("key_r", Secrets.hash(secret), "desk-r", "pro", Set.of(), java.time.Instant.now(), null));
            assertThat(identities.lookup(secret).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(active.cached("key_r")).isTrue();
            // revoked in this process (TokenService.revokeKey): the cached identity stays, the active check refuses it at once
            store.revokeKey("key_r", java.time.Instant.now());
            active.revoked("key_r");
            assertThat(identities.cached(secret)).isNotNull();
            assertThat(active.cached("key_r")).isFalse();
            // a later read of the store that raced with the revocation cannot make it active again
            active.observed("key_r", true);
            assertThat(active.cached("key_r")).isFalse();

            AuthStore down = new UnreachableStore();
            ApiKeyIdentities unreachable = new ApiKeyIdentities(down, vertx, new ActiveKeys(down, vertx, Duration.ofSeconds(5)), 100);
            assertThat(unreachable.lookup(secret).toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(10));
            assertThat(unreachable.size()).isZero();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A store whose database does not answer (PgAuthStore throws IllegalStateException then). */
    static final class UnreachableStore implements AuthStore {
        private static IllegalStateException down() {
            return new IllegalStateException("PostgreSQL did not answer within 5s");
        }

        @Override
        public boolean addKey(ApiKey key) {
            throw down();
        }

        @Override
        public java.util.Optional<ApiKey> keyByHash(String hash) {
            throw down();
        }

        @Override
        public java.util.Optional<ApiKey> keyById(String id) {
            throw down();
        }

        @Override
        public List<ApiKey> keys() {
            throw down();
        }

        @Override
        public boolean revokeKey(String id, java.time.Instant at) {
            throw down();
        }

        @Override
        public void addRefresh(RefreshToken token) {
            throw down();
        }

        @Override
        public java.util.Optional<RefreshToken> refresh(String hash) {
            throw down();
        }

        @Override
        public boolean useRefresh(String hash) {
            throw down();
        }

        @Override
        public void revokeFamily(String family) {
            throw down();
        }

        @Override
        public String describe() {
            return "unreachable";
        }
    }

}
