package com.tradesense.marketdata.routing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vendor faked at the HTTP level whose answers to a path follow a script: the n-th request gets the
 * n-th answer, the last one repeats (a 503 then the payload, for instance).
 */
final class ScriptedVendor implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-vendor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, List<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    ScriptedVendor() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ScriptedVendor on(String pathPrefix, Answer... answers) {
        scripts.put(pathPrefix, List.of(answers));
        served.put(pathPrefix, new AtomicInteger());
        return this;
    }

    /** Requests whose path started with {@code pathPrefix}. */
    int hits(String pathPrefix) {
        return (int) requests.stream().filter(p -> p.startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        String key = scripts.keySet().stream().filter(path::startsWith).max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
        Answer a;
        if (key == null) {
            a = new Answer(404, "no route", "text/plain", java.time.Duration.ZERO, Map.of());
        } else {
            List<Answer> script = scripts.get(key);
            a = script.get(Math.min(served.get(key).getAndIncrement(), script.size() - 1));
        }
        try {
            if (!a.delay().isZero()) {
                Thread.sleep(a.delay().toMillis());
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", a.contentType());
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
