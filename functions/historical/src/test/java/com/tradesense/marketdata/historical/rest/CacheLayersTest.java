package com.tradesense.marketdata.historical.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/**
 * The historical function with Redis and PostgreSQL bar layers: a private redis-server that this test
 * starts, kills and starts again, and the real PostgreSQL of scripts/test-env.sh (own schema).
 */
@QuarkusTest
@QuarkusTestResource(value = CacheLayersTest.Stores.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CacheLayersTest {

    /** Starts the private redis-server and points the cache layers at it and at the test PostgreSQL. */
    public static class Stores implements QuarkusTestResourceLifecycleManager {
        static volatile Process redis;
        static volatile int port;
        static Path dir;
        static String schema = "mde_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        static String pgUrl;

        @Override
        public Map<String, String> start() {
            try {
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                dir = Files.createTempDirectory("mde-cache-redis");
                startRedis();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String pg = pgUrl = "postgresql://" + env("MDE_TEST_PG_USER", "postgres") + "@" + env("MDE_TEST_PG_HOST", "127.0.0.1") + ":"
                    + env("MDE_TEST_PG_PORT", "5432") + "/" + env("MDE_TEST_PG_DB", "test");
            return Map.of("mde.cache.redis-url", "redis://127.0.0.1:" + port,
                    "mde.cache.pg-url", pg,
                    "mde.cache.pg-schema", schema,
                    "mde.cache.timeout", "300ms",
                    "mde.cache.retry-interval", "500ms",
                    "mde.ratelimit.enabled", "false"); // the latency loop is one client asking for one symbol
        }

        static String env(String name, String dflt) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? dflt : v;
        }

        static void startRedis() throws IOException, InterruptedException {
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            throw new IOException("redis-server did not start");
        }

        static void killRedis() throws InterruptedException {
            if (redis != null) {
                redis.destroyForcibly();
                redis.waitFor(10, TimeUnit.SECONDS);
                redis = null;
            }
        }

        @Override
        public void stop() {
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                killRedis();
                io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool()
                        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
                pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute()
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                pool.close();
            } catch (Exception e) {
                System.err.println("cache test: schema " + schema + " not dropped: " + e);
            } finally {
                vertx.close();
            }
        }
    }

    static final String OHLCV = "/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2024-01-02&to=";

    static long timed(String url, String expectedCache) {
        long t0 = System.nanoTime();
        String body = given().when().get(url).then().statusCode(200).extract().asString();
        long ns = System.nanoTime() - t0; // timed without JSON-path parsing, which costs more than the request
        if (expectedCache != null) {
            org.assertj.core.api.Assertions.assertThat(body).contains("\"cache\":\"" + expectedCache + "\"");
        }
        return ns;
    }

    static String pct(List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        Collections.sort(s);
        return String.format(Locale.ROOT, "p50 %.1f ms p99 %.1f ms (n=%d)", s.get(s.size() / 2) / 1e6,
                s.get(Math.max(0, (int) Math.ceil(s.size() * 0.99) - 1)) / 1e6, s.size());
    }

    /** A year of daily bars over HTTP: from the provider (cold), from Redis chunks, from the local answer cache. */
    @Test
    @Order(1)
    void coldVersusWarmLatency() {
        String base = "/api/v1/market-data/ohlcv/MSFT?interval=1d&from=";
        for (int i = 0; i < 20; i++) { // warm-up of the JIT and the clients, on other years
            timed("/api/v1/market-data/ohlcv/IBM?interval=1d&from=" + (2000 + i % 10) + "-01-02&to=" + (2000 + i % 10) + "-12-" + (31 - i / 10), null);
        }
        List<Long> cold = new ArrayList<>();
        List<Long> redis = new ArrayList<>();
        List<Long> local = new ArrayList<>();
        for (int y = 2005; y < 2017; y++) {
            cold.add(timed(base + y + "-01-02&to=" + y + "-12-31", "none"));
            for (int d = 3; d <= 7; d++) {
                redis.add(timed(base + y + "-01-0" + d + "&to=" + y + "-12-31", "redis"));
            }
            for (int i = 0; i < 5; i++) {
                local.add(timed(base + y + "-01-02&to=" + y + "-12-31", "local"));
            }
        }
        System.out.printf(Locale.ROOT, "MSFT 1d, one year per request over HTTP: cold (provider, 12 chunks written to redis+postgres) %s;"
                + " redis chunks %s; local answer cache %s%n", pct(cold), pct(redis), pct(local));
    }

    @Test
    @Order(2)
    void chunksComeFromRedisThenPostgresWhileRedisIsDownAndRedisAgainAfterItReturns() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'cache' }.data.layers", is("redis,postgres"))
                .body("checks.find { it.name == 'cache' }.data.redis", is("up"));
        long cold = timed(OHLCV + "2024-12-31", "none");        // a year: the provider, 12 chunks written to both layers
        long local = timed(OHLCV + "2024-12-31", "local");      // same query: the response cache
        long redis = timed(OHLCV + "2024-12-30", "redis");      // another query over the same months: Redis chunks
        System.out.printf(Locale.ROOT, "AAPL 1d for a year over HTTP: cold (provider) %.1f ms, redis chunks %.1f ms, local answer %.1f ms%n",
                cold / 1e6, redis / 1e6, local / 1e6);

        Stores.killRedis();
        timed(OHLCV + "2024-12-29", "postgres");
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'cache' }.status", is("UP"))
                .body("checks.find { it.name == 'cache' }.data.redis", is("degraded"))
                .body("checks.find { it.name == 'cache' }.data.degraded", is(true));
        timed(OHLCV + "2024-12-28", "postgres");
        // a query for months no layer has: the provider answers while Redis is down
        given().when().get("/api/v1/market-data/ohlcv/MSFT?interval=1d&from=2023-01-02&to=2023-03-01").then().statusCode(200)
                .body("source.cache", is("none"));

        Stores.startRedis();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end && !"up".equals(given().when().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == 'cache' }.data.redis"))) {
            Thread.sleep(100);
        }
        given().when().get("/q/health/ready").then().body("checks.find { it.name == 'cache' }.data.redis", is("up"));
        timed(OHLCV + "2024-12-27", "postgres"); // the restarted Redis is empty: refilled from PostgreSQL
        timed(OHLCV + "2024-12-26", "redis");
    }
}
