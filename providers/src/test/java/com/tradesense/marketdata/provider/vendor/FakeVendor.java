package com.tradesense.marketdata.provider.vendor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vendor faked at the HTTP level on a JDK {@link HttpServer}: answers per path prefix with a
 * recorded payload from {@code src/test/resources/vendors} (or per path and query text, for paging), a
 * status, headers and an optional delay,
 * and remembers the requests it got. {@link #stop()} kills it (connections refused afterwards).
 */
public final class FakeVendor implements AutoCloseable {
    public record Answer(int status, String body, String contentType, Duration delay, Map<String, String> headers) {
        public static Answer json(int status, String resource) {
            return new Answer(status, load(resource), "application/json", Duration.ZERO, Map.of());
        }

        public Answer delayed(Duration d) {
            return new Answer(status, body, contentType, d, headers);
        }

        Answer withHeader(String k, String v) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(k, v);
            return new Answer(status, body, contentType, delay, h);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-vendor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Answer> routes = new ConcurrentHashMap<>();
    final List<URI> requests = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    public final AtomicInteger hits = new AtomicInteger();

    public FakeVendor() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    static String load(String resource) {
        try (InputStream in = FakeVendor.class.getClassLoader().getResourceAsStream("vendors/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource vendors/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeVendor on(String pathPrefix, Answer answer) {
        routes.put(pathPrefix, answer);
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        hits.incrementAndGet();
        requests.add(ex.getRequestURI());
        headers.add(Map.copyOf(ex.getRequestHeaders()));
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        Answer a = routes.entrySet().stream().filter(e -> matches(e.getKey(), path, query))
                .max(Map.Entry.comparingByKey((x, y) -> Integer.compare(x.length(), y.length())))
                .map(Map.Entry::getValue).orElse(new Answer(404, "no route", "text/plain", Duration.ZERO, Map.of()));
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

    /** {@code /path} matches paths starting with it; {@code /path?text} also needs {@code text} in the raw query. */
    private static boolean matches(String route, String path, String query) {
        int q = route.indexOf('?');
        if (q < 0) {
            return path.startsWith(route);
        }
        return path.startsWith(route.substring(0, q)) && query != null && query.contains(route.substring(q + 1));
    }

    public void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
