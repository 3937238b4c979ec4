package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.historical.startup.Env;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The historical function against stores shaped like the managed ones it is deployed with (scripts/test-env-secure.sh
 * starts them): the bar cache in Redis over TLS with an ACL user ({@code rediss://user:password@}, trusted through
 * {@code mde.redis.tls.ca-file}, host name verified), bars in PostgreSQL that only takes TLS and SCRAM passwords
 * ({@code mde.pg.ssl-mode=verify-full}, credentials from {@code mde.pg.username}/{@code password}), and the rate-limit
 * counters in a three-master Redis Cluster with a password, set through Quarkus's own keys for that one client
 * ({@code quarkus.redis.ratelimit.client-type=cluster}), beside the shared {@code mde.redis.*} ones.
 */
@QuarkusTest
@QuarkusTestResource(value = StoresAsDeployedTest.SecureStores.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoresAsDeployedTest {
    static final String SCHEMA = "mde_sec_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public static class SecureStores implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> c = new java.util.HashMap<>();
            c.put("mde.cache.redis-url", required("MDE_TEST_REDIS_TLS_URL"));
            c.put("mde.redis.tls.ca-file", required("MDE_TEST_TLS_CA_FILE"));
            c.put("mde.cache.pg-url", required("MDE_TEST_PG_TLS_URL"));
            c.put("mde.pg.username", required("MDE_TEST_PG_TLS_USER"));
            c.put("mde.pg.password", required("MDE_TEST_PG_TLS_PASSWORD"));
            c.put("mde.pg.ssl-mode", "verify-full");
            c.put("mde.pg.tls.ca-file", required("MDE_TEST_TLS_CA_FILE"));
            c.put("mde.cache.pg-schema", SCHEMA);
            c.put("mde.ratelimit.redis-url", required("MDE_TEST_REDIS_CLUSTER_URL"));
            c.put("quarkus.redis.ratelimit.client-type", "cluster");
            c.put("quarkus.redis.ratelimit.password", required("MDE_TEST_REDIS_CLUSTER_PASSWORD"));
            c.put("mde.history.response-cache.enabled", "false");
            return c;
        }

        @Override
        public void stop() {
        }
    }

    static String required(String name) {
        return Env.required(name);
    }

    @Test
    @Order(1)
    void everyStoreIsReachedAsConfigured() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'cache' }.data.layers", equalTo("redis,postgres"))
                .body("checks.find { it.name == 'cache' }.data.redis", equalTo("up"))
                .body("checks.find { it.name == 'cache' }.data.postgres", equalTo("up"))
                .body("checks.find { it.name == 'rate-limits' }.data.mode", equalTo("redis"));
    }

    @Test
    @Order(2)
    void barsAreCachedInTheTlsRedisAndStoredInTheTlsPostgres() throws Exception {
        // the TLS Redis outlives test runs: MSFT's chunks of an earlier run go first (one server: SCAN sees them all)
        List<String> cli = List.of("redis-cli", "--tls", "--cacert", required("MDE_TEST_TLS_CA_FILE"), "--no-auth-warning", "-u",
                required("MDE_TEST_REDIS_TLS_URL"));
        List<String> members = new ArrayList<>(cli);
        members.addAll(List.of("--scan", "--pattern", "mde:bars:v1:{MSFT}:*"));
        for (String key : run(members, Map.of()).split("\n")) {
            if (!key.isBlank()) {
                List<String> del = new ArrayList<>(cli);
                del.addAll(List.of("UNLINK", key.trim()));
                run(del, Map.of());
            }
        }
        String url = "/api/v1/market-data/ohlcv/MSFT?interval=1d&adjustment=raw&from=2025-03-03&to=2025-03-15";
        given().when().get(url).then().statusCode(200).body("source.cache", equalTo("none"));
        given().when().get(url).then().statusCode(200).body("source.cache", equalTo("redis"));
        String rows = run(List.of("psql", "-w", "-X", "-q", "-t", "-A", "-h", "localhost", "-p", pgPort(), "-U", required("MDE_TEST_PG_TLS_USER"),
                "-d", "test", "-c", "select count(*) from " + SCHEMA + ".bars where symbol = 'MSFT'"),
                Map.of("PGPASSWORD", required("MDE_TEST_PG_TLS_PASSWORD"), "PGSSLMODE", "verify-full",
                        "PGSSLROOTCERT", required("MDE_TEST_TLS_CA_FILE"))).trim();
        assertThat(Integer.parseInt(rows)).as("MSFT bars in PostgreSQL").isGreaterThan(0);
    }

    @Test
    @Order(3)
    void rateLimitCountersLiveInTheCluster() throws Exception {
        given().when().get("/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-03-03&to=2025-03-15").then().statusCode(200);
        String first = required("MDE_TEST_REDIS_CLUSTER_URL").replaceFirst("^redis://", "");
        String keys = run(List.of("redis-cli", "--no-auth-warning", "-a", required("MDE_TEST_REDIS_CLUSTER_PASSWORD"), "--cluster", "call",
                first, "KEYS", "mde:rl:*"), Map.of());
        assertThat(keys).as("rate-limit keys across the cluster's masters").contains("mde:rl:");
    }

    private static String pgPort() {
        String u = required("MDE_TEST_PG_TLS_URL");
        return u.substring(u.lastIndexOf(':') + 1, u.indexOf('/', u.lastIndexOf(':')));
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command.get(0) + " said: " + out).isZero();
        return out;
    }
}
