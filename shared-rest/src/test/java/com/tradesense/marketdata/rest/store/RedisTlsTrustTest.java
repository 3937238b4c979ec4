package com.tradesense.marketdata.rest.store;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a {@code rediss://} client trusts: the TLS+ACL Redis of scripts/test-env-secure.sh, its CA given or not. */
class RedisTlsTrustTest {
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    static String env(String name) {
        String v = System.getenv(name);
        assertThat(v).as(name + " (scripts/test-env-secure.sh)").isNotBlank();
        return v;
    }

    static String ping(RedisOptions options) throws Exception {
        Redis r = Redis.createClient(vertx, options);
        try {
            return r.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).toString();
        } finally {
            r.close();
        }
    }

    @Test
    void theTestCaVerifiesTheServerAndItsHostName() throws Exception {
        RedisOptions o = new RedisOptions().setConnectionString(env("MDE_TEST_REDIS_TLS_URL"));
        o.getNetClientOptions().setTrustOptions(new PemTrustOptions().addCertPath(env("MDE_TEST_TLS_CA_FILE")))
                .setHostnameVerificationAlgorithm("HTTPS");
        assertThat(ping(o)).isEqualTo("PONG");
    }

    @Test
    void withoutTheCaTheHandshakeFails() {
        RedisOptions o = new RedisOptions().setConnectionString(env("MDE_TEST_REDIS_TLS_URL"));
        o.getNetClientOptions().setHostnameVerificationAlgorithm("HTTPS");
        assertThatThrownBy(() -> ping(o)).hasStackTraceContaining("SSL");
    }
}
