package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Infinispan layer against a Hot Rod server that requires SASL authentication and does not have the cache: the
 * engine's client logs in with {@code mde.cache.infinispan.username}/{@code password} and creates the cache from
 * {@code mde.cache.infinispan.cache-configuration}; a wrong password or no credentials get nothing.
 */
class InfinispanAuthTest {
    static final String USER = "mde";
    static final String PASSWORD = "ispn-test-password";
    /** The test server is not clustered: a local cache (the default configuration is a distributed one). */
    static final String LOCAL = "<local-cache><encoding media-type=\"application/x-protostream\"/></local-cache>";
    private static HotRodServerProcess server;

    record Settings(Optional<String> hosts, String cache, Optional<String> username, Optional<String> password, String saslMechanism,
                    String realm, String serverName, Optional<String> tlsCaFile, Optional<String> tlsServerName, boolean createCache,
                    String cacheConfiguration) implements CacheConfig.Infinispan {
        static Settings of(String hosts, String user, String password) {
            return new Settings(Optional.of(hosts), "mde-bars-created", Optional.ofNullable(user), Optional.ofNullable(password),
                    "DIGEST-MD5", "default", "infinispan", Optional.empty(), Optional.empty(), true, LOCAL);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        assertThat(HotRodServerProcess.available()).as("test-support/hotrod-server built (build with the reactor: -pl shared-rest -am)").isTrue();
        server = new HotRodServerProcess(TestStores.freePort(), "--no-caches", "--user", USER, "--password", PASSWORD);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void logsInCreatesTheMissingCacheAndRoundTrips() {
        Settings s = Settings.of(server.hosts(), USER, PASSWORD);
        try (InfinispanBarStore store = new InfinispanBarStore(InfinispanBarStore.client(s, Duration.ofSeconds(2)), s.cache(),
                Duration.ofSeconds(2), s.cacheConfiguration())) {
            BarChunk jan = TestStores.month("AUTH", YearMonth.of(2025, 1), System.currentTimeMillis(), true);
            store.putAll(List.of(jan), Map.of());
            assertThat(store.getAll(List.of(jan.key()))).containsEntry(jan.key(), jan);
        }
    }

    @Test
    void aWrongPasswordOrNoCredentialsGetNothing() {
        for (Settings s : List.of(Settings.of(server.hosts(), USER, "not-the-password"), Settings.of(server.hosts(), null, null))) {
            try (InfinispanBarStore store = new InfinispanBarStore(InfinispanBarStore.client(s, Duration.ofSeconds(2)), s.cache(),
                    Duration.ofSeconds(2), s.cacheConfiguration())) {
                BarChunk jan = TestStores.month("AUTH", YearMonth.of(2025, 1), System.currentTimeMillis(), true);
                assertThatThrownBy(() -> store.putAll(List.of(jan), Map.of())).as("user %s", s.username()).isInstanceOf(RuntimeException.class);
            }
        }
    }
}
