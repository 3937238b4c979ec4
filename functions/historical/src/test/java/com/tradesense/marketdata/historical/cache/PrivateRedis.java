package com.tradesense.marketdata.historical.cache;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A redis-server of the test's own (its pub/sub channel is not shared with other tests), and its URL as the cache's. */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {
    static volatile String url;
    private Process redis;

    @Override
    public Map<String, String> start() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path dir = Files.createTempDirectory("mde-cache-redis");
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > end) {
                        throw new IOException("redis-server did not start", e);
                    }
                    Thread.sleep(50);
                }
            }
            url = "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of("mde.cache.redis-url", url,
                "mde.cache.local.enabled", "true",
                "mde.cache.timeout", "300ms",
                "mde.cache.retry-interval", "300ms",
                "mde.ratelimit.enabled", "false");
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.destroyForcibly();
            try {
                redis.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
