package com.tradesense.marketdata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/run-services end to end: the three functions (realtime twice, sharing the upstream lease) as
 * separate processes on the stores of scripts/test-env.sh (the ones this test run uses) and a Hot Rod
 * server; a token from one function works on the others (shared signing keys), a WebSocket subscription
 * on either realtime process gets a snapshot and updates, every alert rule of k8s/monitoring selects series
 * the functions emit with the labels it groups and matches by, and SIGINT stops every process it started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Labels Prometheus adds to every scraped series (the PodMonitor's job label, the target's): no engine emits them. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "pod", "namespace", "container", "service", "endpoint");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    static Process services;
    static Path log;
    static Map<String, Integer> ports = new LinkedHashMap<>();
    static String adminKey;
    static String demoKey;
    static List<ProcessHandle> children = List.of();

    /** A free block of {@code n} consecutive ports (run-services puts the second realtime process after the first). */
    static int freePorts(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = s.getLocalPort();
            }
            if (base + n > 65_000) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress("127.0.0.1", p));
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no " + n + " consecutive free ports");
    }

    @BeforeAll
    static void start() throws Exception {
        int base = freePorts(4);
        ports.put("historical", base);
        ports.put("realtime-1", base + 1);
        ports.put("realtime-2", base + 2);
        ports.put("status", base + 3);
        Path target = Repo.path("ops-tests/target");
        Files.createDirectories(target);
        log = target.resolve("run-services-test.log");
        ProcessBuilder pb = new ProcessBuilder(Repo.path("scripts/run-services").toString(), "--realtime-replicas", "2")
                .directory(Repo.ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("MDE_SERVICES_HISTORICAL_PORT", Integer.toString(base));
        env.put("MDE_SERVICES_REALTIME_PORT", Integer.toString(base + 1));
        env.put("MDE_SERVICES_STATUS_PORT", Integer.toString(base + 3));
        env.put("MDE_SERVICES_DIR", target.resolve("services").toString());
        env.put("MDE_SERVICES_READY_TIMEOUT", "300");
        env.put("MDE_SERVICES_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        // frames at any hour (the simulator follows the calendars by default), on keys of this run only
        env.put("MDE_STREAM_SIMULATOR_FOLLOW_CALENDAR", "false");
        // every frame timed: with the default 1 in 16 per writer thread (shared by all channels), the few dozen frames
        // this test receives left level 1 without a single timed frame in one clean-clone run
        env.put("MDE_STREAM_LATENCY_SAMPLE_EVERY", "1");
        env.put("MDE_STREAM_REDIS_PREFIX", "mde-ops-test-" + UUID.randomUUID().toString().substring(0, 8));
        services = pb.start();
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!logText().contains("run-services: ready in")) {
            if (!services.isAlive()) {
                throw new AssertionError("run-services stopped (exit " + services.exitValue() + "):\n" + logText());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("run-services not ready within " + START_TIMEOUT + ":\n" + logText());
            }
            Thread.sleep(200);
        }
        adminKey = logValue("admin key");
        demoKey = logValue("demo key");
        children = services.descendants().toList();
        System.out.println(logText().substring(logText().indexOf("run-services: ready in")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null && services.isAlive()) {
            services.descendants().forEach(ProcessHandle::destroyForcibly);
            services.destroyForcibly();
            services.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String logValue(String name) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + " +(\\S+)$").matcher(logText());
        assertThat(m.find()).as("'%s' in the output of run-services", name).isTrue();
        return m.group(1);
    }

    static String url(String function, String path) {
        return "http://127.0.0.1:" + ports.get(function) + path;
    }

    static HttpResponse<String> get(String function, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(function, path))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String function, String apiKey) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(function, "/api/v1/auth/token")))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("token from %s: %s", function, r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("accessToken").asText();
    }

    @Test
    @Order(1)
    void everyFunctionIsReady() throws Exception {
        for (String function : ports.keySet()) {
            HttpResponse<String> r = get(function, "/q/health/ready", null);
            assertThat(r.statusCode()).as("%s ready: %s", function, r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void aTokenFromOneFunctionWorksOnTheOthers() throws Exception {
        String fromStatus = token("status", demoKey);
        String path = "/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2025-02-01";
        assertThat(get("historical", path, null).statusCode()).as("no token").isEqualTo(401);
        HttpResponse<String> first = get("historical", path, fromStatus);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("bars").size()).isPositive();
        // asked again: an answer from the cache (a hit the cache alert's series need)
        HttpResponse<String> again = get("historical", path, fromStatus);
        assertThat(JSON.readTree(again.body()).path("source").path("cache").asText()).isNotEqualTo("none");
        assertThat(get("status", "/api/v1/markets", fromStatus).statusCode()).isEqualTo(200);

        String admin = token("historical", adminKey);
        HttpResponse<String> keys = get("status", "/api/v1/admin/api-keys", admin);
        assertThat(keys.statusCode()).as("admin token from historical on status: %s", keys.body()).isEqualTo(200);
        assertThat(get("status", "/api/v1/admin/api-keys", fromStatus).statusCode()).as("demo key is no admin").isEqualTo(403);
    }

    /** A WebSocket client collecting every message (java.net.http). */
    static final class Stream implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        Stream(int port, String token) throws Exception {
            socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream"), this).get(20, TimeUnit.SECONDS);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    received.add(JSON.getNodeFactory().textNode("UNPARSEABLE " + partial));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        JsonNode next(Predicate<JsonNode> p) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end) {
                JsonNode m = received.poll(200, TimeUnit.MILLISECONDS);
                if (m != null && p.test(m)) {
                    return m;
                }
            }
            throw new AssertionError("no matching message within 20 s");
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    @Order(3)
    void aSubscriptionOnEitherRealtimeProcessGetsASnapshotThenUpdatesInSequence() throws Exception {
        String token = token("historical", demoKey);
        for (String realtime : List.of("realtime-1", "realtime-2")) {
            try (Stream s = new Stream(ports.get(realtime), token)) {
                s.send("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
                s.send("{\"action\":\"subscribe\",\"channel\":\"level2\",\"symbols\":[\"AAPL\"]}");
                JsonNode ack = s.next(m -> "subscribed".equals(m.path("type").asText()));
                assertThat(ack.path("symbols").toString()).as("%s ack", realtime).isEqualTo("[\"AAPL\",\"MSFT\"]");
                JsonNode snapshot = s.next(m -> "snapshot".equals(m.path("type").asText()) && "AAPL".equals(m.path("symbol").asText())
                        && "level1".equals(m.path("channel").asText()));
                assertThat(snapshot.path("level1").path("last").asDouble()).as("%s snapshot", realtime).isPositive();
                long seq = snapshot.path("seq").asLong();
                for (int i = 0; i < 5; i++) {
                    JsonNode u = s.next(m -> "level1".equals(m.path("type").asText()) && "AAPL".equals(m.path("symbol").asText()));
                    assertThat(u.path("seq").asLong()).as("%s AAPL level1 after seq %d", realtime, seq).isEqualTo(++seq);
                }
                s.next(m -> "level2".equals(m.path("type").asText()) && "AAPL".equals(m.path("symbol").asText()));
                // long enough for the once-a-second report of the live data's age (mde_data_staleness_seconds)
                Thread.sleep(1_500);
            }
        }
    }

    @Test
    @Order(4)
    void everyAlertRuleSelectsSeriesTheFunctionsEmitWithTheLabelsItUses() throws Exception {
        assertThat(Repo.read("k8s/monitoring/pod-monitor.yaml")).as("job comes from the PodMonitor").contains("jobLabel:");
        MetricsPage all = new MetricsPage(List.of());
        for (String function : ports.keySet()) {
            HttpResponse<String> r = get(function, "/q/metrics", null);
            assertThat(r.statusCode()).isEqualTo(200);
            all = all.plus(MetricsPage.parse(r.body(), function));
        }
        List<String> report = new ArrayList<>();
        for (AlertRulesTest.Rule rule : AlertRulesTest.definitions()) {
            Set<String> needed = new TreeSet<>(PromQl.groupingLabels(rule.expr()));
            needed.addAll(rule.summaryLabels());
            needed.removeAll(TARGET_LABELS);
            List<PromQl.Selector> selectors = PromQl.selectors(rule.expr());
            assertThat(selectors).as("selectors of %s", rule.alert()).isNotEmpty();
            for (PromQl.Selector sel : selectors) {
                List<MetricsPage.Series> found = all.named(sel.metric()).stream()
                        .filter(s -> s.labels().keySet().containsAll(needed))
                        .filter(s -> sel.matchers().stream().allMatch(m -> matches(m, s.labels())))
                        .toList();
                assertThat(found).as("%s: series of %s with labels %s and %s", rule.alert(), sel.metric(), needed, sel.matchers())
                        .isNotEmpty();
                report.add(String.format("%-26s %-46s %3d series from %s", rule.alert(), sel.metric(), found.size(),
                        found.stream().map(MetricsPage.Series::source).distinct().toList()));
            }
        }
        report.forEach(System.out::println);
        // the real-time alert's histogram counted delivered frames (not only the buckets registered at start)
        assertThat(all.named("mde_stream_delivery_latency_seconds_count").stream()
                .filter(s -> "level1".equals(s.labels().get("channel"))).mapToDouble(MetricsPage.Series::value).sum())
                .as("level-1 frames timed on the realtime processes").isPositive();
        assertThat(all.named("mde_stream_bus_lag_seconds")).as("bus lag on both realtime processes")
                .filteredOn(s -> s.source().startsWith("realtime")).hasSize(2)
                .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 5.0));
    }

    /**
     * Whether a series satisfies a matcher. Equality and inequality are taken at their word; a regex matcher
     * only needs the label (the values it names, such as provider errors and 5xx answers, cannot be provoked
     * from outside against the simulator).
     */
    private static boolean matches(PromQl.LabelMatcher m, Map<String, String> labels) {
        String v = labels.get(m.name());
        return switch (m.op()) {
            case "=" -> m.value().equals(v);
            case "!=" -> v != null && !m.value().equals(v);
            default -> v != null;
        };
    }

    @Test
    @Order(5)
    void sigintStopsEveryProcessItStarted() throws Exception {
        assertThat(children).as("the processes run-services started").hasSizeGreaterThanOrEqualTo(ports.size());
        new ProcessBuilder("kill", "-INT", Long.toString(services.pid())).inheritIO().start().waitFor();
        assertThat(services.waitFor(90, TimeUnit.SECONDS)).as("run-services ends after SIGINT").isTrue();
        assertThat(services.exitValue()).isEqualTo(130);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(children).as("every process it started is gone").noneMatch(ProcessHandle::isAlive);
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", e.getValue()), 500);
                throw new AssertionError(e.getKey() + " still listens on " + e.getValue());
            } catch (IOException refused) {
                // stopped
            }
        }
        assertThat(logText()).contains("run-services: stopping");
    }
}
