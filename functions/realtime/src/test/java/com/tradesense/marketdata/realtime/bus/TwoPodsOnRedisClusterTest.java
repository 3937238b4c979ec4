package com.tradesense.marketdata.realtime.bus;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import java.util.concurrent.TimeUnit;

/**
 * {@link TwoPodsOnRedisTest}'s scenarios (one upstream, the same frames under the same seqs on both pods, resume
 * from Redis Streams on the other pod, takeover when the holder dies) on a three-master Redis Cluster with a
 * password (scripts/test-env-secure.sh), as services mode runs on ElastiCache in cluster mode: the publish script's
 * keys share a slot per symbol, and pub/sub crosses nodes.
 */
class TwoPodsOnRedisClusterTest extends TwoPodsOnRedisTest {

    @Override
    RedisOptions options() {
        String url = System.getenv("MDE_TEST_REDIS_CLUSTER_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MDE_TEST_REDIS_CLUSTER_URL is not set: run the tests through scripts/test-all"
                    + " (scripts/test-env-secure.sh starts the cluster)");
        }
        return new RedisOptions().setType(RedisClientType.CLUSTER).setConnectionString(url)
                .setPassword(System.getenv("MDE_TEST_REDIS_CLUSTER_PASSWORD"));
    }

    /** SCAN walks one node: clean every master (CLUSTER NODES lists them) with a client of its own. */
    @Override
    void deleteKeys(Vertx v, String pattern) throws Exception {
        Redis cluster = Redis.createClient(v, options());
        String nodes = cluster.send(Request.cmd(Command.CLUSTER).arg("NODES")).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS).toString();
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 2 && f[2].contains("master")) {
                String address = f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1];
                deleteKeys(Redis.createClient(v, new RedisOptions().setConnectionString("redis://" + address)
                        .setPassword(System.getenv("MDE_TEST_REDIS_CLUSTER_PASSWORD"))), pattern);
            }
        }
    }
}
