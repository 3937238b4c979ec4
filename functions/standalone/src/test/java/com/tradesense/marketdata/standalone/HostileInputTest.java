package com.tradesense.marketdata.standalone;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of malformed and hostile requests against every endpoint of the one-process engine,
 * over raw sockets (so nothing is cleaned up by a client library), and hostile WebSocket messages on one
 * real connection. Every answer must be below 500, every error body a problem without a stack trace, no
 * request may inject a response header, and the WebSocket connection must survive each bad message.
 * The counts are printed ("hostile corpus: ...").
 */
@QuarkusTest
class HostileInputTest {
    static final String ADMIN = TestIdentityFilter.HEADER + ": corpus-admin;enterprise;admin";

    @TestHTTPResource("/")
    URL base;

    /** Values that go into the request line as they are: traversal, broken or double percent-encoding, encoded CR/LF and NUL. */
    static final List<String> RAW = List.of("../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "%252e%252e%252fetc%252fpasswd", "..%c0%af..%c0%afetc%c0%afpasswd", "%c0%ae%c0%ae%2f", "%00", "AAPL%00.json", "%", "%zz",
            "a%2", "%ff%fe", "%ed%a0%80", "%f0%9f%98%80", "%e2%80%aeLPAA", "....//....//etc", "..%5c..%5cwindows", ";jsessionid=1",
            "AAPL;DROP", "%0d%0aSet-Cookie:%20injected=1", "%0aX-Injected:%201", "AAPL%20OR%201=1", "%c0%80", "%u0041",
            "%2fetc%2fpasswd", "AAPL%2F..%2F..%2Fq%2Fhealth");

    /** Values percent-encoded as UTF-8 before they go in: SQL, unicode tricks, absurd numbers and dates, huge values. */
    static final List<String> ENCODED = List.of("AAPL' OR '1'='1", "'; DROP TABLE bars;--", "\" OR 1=1 --", "1; SELECT pg_sleep(10)",
            "AAPL)/**/UNION/**/SELECT/**/1--", "\u202EgnpLPAA", "\u0410APL", "\uFF21\uFF21\uFF30\uFF2C", "A\u0000B", "\uD83D\uDE00",
            "\u200Bhidden\u200D", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>", "{{7*7}}", "A".repeat(3000),
            "9".repeat(500), "-1", "0", "2147483648", "99999999999999999999", "1e309", "NaN", "-Infinity", "2025-02-30", "0000-00-00",
            "9999-12-31", "+999999999-12-31", "-999999999-01-01", "2025-01-01T25:61:61Z", "1970-01-01T00:00:00Z", "null", "[]", "{}",
            "true", "", " ", "*", "?", "#frag", "USD/MAD/../../x", "\\", "|id", "`id`", "$(id)", "x\r\nX-Injected: 1");

    /** Where a hostile value goes: every endpoint, path and query slots. {@code V} is replaced. */
    static final List<String[]> SLOTS = List.of(
            new String[]{"GET", "/api/v1/market-data/ohlcv/V?interval=1d&limit=5"},
            new String[]{"GET", "/api/v1/market-data/ohlcv/AAPL?interval=V&limit=5"},
            new String[]{"GET", "/api/v1/market-data/ohlcv/AAPL?interval=1d&from=V&to=2025-02-01"},
            new String[]{"GET", "/api/v1/market-data/ohlcv/AAPL?interval=1d&limit=V"},
            new String[]{"GET", "/api/v1/market-data/ohlcv/AAPL?interval=1d&limit=5&adjustment=V&session=V"},
            new String[]{"GET", "/api/v1/market-data/historical/V?limit=5"},
            new String[]{"GET", "/api/v1/market-data/historical/AAPL?limit=5&next=V"},
            new String[]{"GET", "/api/v1/market-data/corporate-actions/V"},
            new String[]{"GET", "/api/v1/market-data/fundamentals/V"},
            new String[]{"GET", "/api/v1/economic-indicators/V/gdp"},
            new String[]{"GET", "/api/v1/economic-indicators/US/V"},
            new String[]{"GET", "/api/v1/news?symbol=V"},
            new String[]{"GET", "/api/v1/markets/V/status"},
            new String[]{"GET", "/api/v1/markets/NYSE/status?at=V"},
            new String[]{"GET", "/api/v1/markets/CSE/holidays?year=V"},
            new String[]{"GET", "/api/v1/markets/NYSE/symbols?q=V&limit=5"},
            new String[]{"GET", "/api/v1/markets/NYSE/symbols?next=V"},
            new String[]{"DELETE", "/api/v1/cache?symbol=V&dataType=ohlcv"},
            new String[]{"GET", "/api/v1/admin/audit?actor=V&from=V&next=V"},
            new String[]{"GET", "/V"},
            new String[]{"GET", "/api/v1/providers/status?V=V"});

    /** Listed symbols the fixed-symbol slots rotate through, so that the per-symbol rate limit does not answer for the endpoint. */
    static final List<String> LISTED = List.of("AAPL", "MSFT", "NVDA", "TSLA", "AMZN", "GOOGL", "META", "IBM", "KO", "JPM", "XOM", "PFE");
    int sequence;
    /** Answered by Vert.x core before any engine code runs (no hook exists): an unknown HTTP version gets 501 and a closed connection. */
    static final String UNSUPPORTED_VERSION = "GET /api/v1/markets HTTP/9.9";
    final List<String> transportAnswers = new ArrayList<>();

    final Map<String, Integer> counts = new TreeMap<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    final List<String> violations = new ArrayList<>();

    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    void check(String group, String what, byte[] request) throws Exception {
        counts.merge(group, 1, Integer::sum);
        String text = new String(request, StandardCharsets.ISO_8859_1);
        String symbol = LISTED.get(sequence++ % LISTED.size());
        // One client key per case (the per-client limit is not under test) and a rotating listed symbol.
        text = text.replace("/AAPL?", "/" + symbol + "?").replace("Host: localhost\r\n", "Host: localhost\r\nX-API-Key: corpus-" + sequence + "\r\n");
        request = text.getBytes(StandardCharsets.ISO_8859_1);
        String shown = what.length() > 120 ? what.substring(0, 120) + "..." : what;
        RawHttp.Answer a;
        try {
            a = RawHttp.send(base.getPort(), request);
        } catch (java.io.IOException e) {
            violations.add(group + " " + shown + " (" + e.getMessage() + ")");
            return;
        }
        statuses.merge(a.status(), 1, Integer::sum);
        String label = group + " " + shown + " -> " + a.status();
        if (a.status() == 400 && what.startsWith("upgrade websocket bogus") && a.header("Content-Type") == null) {
            // Vert.x's WebSocket handshake refuses a bad Upgrade with a one-line text 400 before the engine sees it.
            transportAnswers.add("upgrade websocket bogus -> 400 text (Vert.x WebSocket handshake)");
            return;
        }
        if (a.status() >= 500 && what.startsWith(UNSUPPORTED_VERSION) && a.status() == 501) {
            transportAnswers.add(what.substring(0, UNSUPPORTED_VERSION.length()) + " -> 501 (Vert.x core)");
        } else if (a.status() >= 500) {
            violations.add(label + " (5xx) " + a.body());
        }
        String body = a.body();
        for (String trace : List.of("\tat ", "at com.", "at io.", "at java.", "Exception", ".java:")) {
            if (body.contains(trace)) {
                violations.add(label + " (stack trace: '" + trace + "') " + body);
            }
        }
        if (a.status() >= 400 && !body.isEmpty() && !String.valueOf(a.header("Content-Type")).startsWith("application/problem+json")) {
            violations.add(label + " (error body not a problem: " + a.header("Content-Type") + ") " + body);
        }
        for (String h : a.headerLines()) {
            String l = h.toLowerCase();
            if (l.startsWith("x-injected") || l.startsWith("set-cookie")) {
                violations.add(label + " (injected header " + h + ")");
            }
        }
    }

    @Test
    void noHostileRequestGetsA5xxOrAStackTrace() throws Exception {
        for (String[] slot : SLOTS) {
            for (String v : RAW) {
                String target = slot[1].replace("V", v);
                check("request-line", slot[0] + " " + target, RawHttp.request(slot[0], target, slot[1].contains("admin") ? List.of(ADMIN) : List.of(), null));
            }
            for (String v : ENCODED) {
                String target = slot[1].replace("V", encode(v));
                check("encoded-values", slot[0] + " " + target, RawHttp.request(slot[0], target, slot[1].contains("admin") ? List.of(ADMIN) : List.of(), null));
            }
        }
        headers();
        bodies();
        rawRequestLines();
        webSocket();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("hostile corpus: %d cases %s; HTTP statuses %s; violations %d; answered by Vert.x core before the engine: %s%n",
                total, counts, statuses, violations.size(), transportAnswers);
        violations.forEach(v -> System.out.println("hostile corpus violation: " + (v.length() > 400 ? v.substring(0, 400) : v)));
        assertThat(violations).isEmpty();
        assertThat(total).isGreaterThanOrEqualTo(1000);
        assertThat(transportAnswers).hasSizeLessThanOrEqualTo(2);
    }

    void headers() throws Exception {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("huge header", List.of("X-Big: " + "a".repeat(20_000)));
        cases.put("many headers", java.util.stream.IntStream.range(0, 300).mapToObj(i -> "X-H" + i + ": " + "v".repeat(60)).toList());
        cases.put("bare CR in value", List.of("X-Foo: a\rX-Injected: 1"));
        cases.put("NUL in value", List.of("X-Foo: a\u0000b"));
        cases.put("space in name", List.of("X Foo: a"));
        cases.put("no colon", List.of("XFoo"));
        cases.put("obs-fold", List.of("X-Foo: a", " X-Injected: 1"));
        cases.put("two hosts", List.of("Host: evil.example"));
        cases.put("negative length", List.of("Content-Length: -1"));
        cases.put("letters length", List.of("Content-Length: abc"));
        cases.put("huge length", List.of("Content-Length: 99999999999999999999"));
        cases.put("TE and CL", List.of("Transfer-Encoding: chunked", "Content-Length: 4"));
        cases.put("bad TE", List.of("Transfer-Encoding: gzip, chunked, identity"));
        cases.put("accept xml", List.of("Accept: application/xml"));
        cases.put("accept garbage", List.of("Accept: ;;;/;;q=abc"));
        cases.put("content-type garbage", List.of("Content-Type: \u00ff\u00fe/\u0001"));
        cases.put("origin evil", List.of("Origin: https://evil.example"));
        cases.put("origin null", List.of("Origin: null"));
        cases.put("bearer garbage", List.of("Authorization: Bearer ' OR 1=1 --"));
        cases.put("basic garbage", List.of("Authorization: Basic %%%%"));
        cases.put("alg none", List.of("Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."));
        cases.put("api key sql", List.of("X-API-Key: ' OR '1'='1"));
        cases.put("range", List.of("Range: bytes=-1,0-99999999999999999"));
        cases.put("if-none-match huge", List.of("If-None-Match: " + "\"x\",".repeat(2000)));
        cases.put("x-forwarded garbage", List.of("X-Forwarded-For: ../../, \u00ff, 999.999.999.999", "X-Forwarded-Proto: gopher"));
        cases.put("latin1 value", List.of("X-Name: \u00e9\u00e8\u00ff"));
        cases.put("identity forged", List.of(TestIdentityFilter.HEADER + ": ;;"));
        cases.put("expect", List.of("Expect: 100-continue-please"));
        cases.put("upgrade websocket bogus", List.of("Upgrade: websocket", "Sec-WebSocket-Key: x", "Sec-WebSocket-Version: 99"));
        for (String path : List.of("/api/v1/markets", "/api/v1/market-data/ohlcv/AAPL?interval=1d&limit=5", "/api/v1/stream", "/q/health/ready")) {
            for (Map.Entry<String, List<String>> c : cases.entrySet()) {
                check("headers", c.getKey() + " " + path, RawHttp.request("GET", path, c.getValue(), null));
            }
        }
    }

    void bodies() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (String s : List.of("{", "}", "{\"a\":", "null", "[]", "{\"a\":1e999999}", "\"\\ud800\"", "{\"a\":\"\\u0000\"}",
                "{\"symbol\":\"' OR 1=1 --\",\"interval\":\"1d\"}", "{\"a\":1,\"a\":2}", "\uFEFF{}", "[".repeat(5000) + "]".repeat(5000),
                "{\"limit\":99999999999999999999999}", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                "a=b&c=%zz", "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../x\"\r\n\r\nx\r\n")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[]{(byte) 0xC0, (byte) 0xAE, (byte) 0xFF, 0, '{'});
        bodies.add(("{\"big\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        List<String> types = List.of("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x");
        String[][] targets = {{"POST", "/api/v1/market-data/ohlcv/AAPL"}, {"PUT", "/api/v1/cache"}, {"POST", "/api/v1/admin/audit"},
                {"POST", "/api/v1/auth/token"}, {"PATCH", "/api/v1/markets"}, {"DELETE", "/api/v1/cache?symbol=AAPL"}};
        int i = 0;
        for (byte[] body : bodies) {
            for (String[] t : targets) {
                String type = types.get(i++ % types.size());
                check("bodies", t[0] + " " + t[1] + " " + type, RawHttp.request(t[0], t[1], List.of("Content-Type: " + type), body));
            }
        }
    }

    void rawRequestLines() throws Exception {
        List<byte[]> lines = new ArrayList<>();
        for (String s : List.of("GET  /api/v1/markets  HTTP/1.1", "get /api/v1/markets HTTP/1.1", "FOO /api/v1/markets HTTP/1.1",
                "TRACE /api/v1/markets HTTP/1.1", "CONNECT localhost:443 HTTP/1.1", "GET /api/v1/markets HTTP/9.9", "GET /api/v1/markets",
                "GET http://evil.example/api/v1/markets HTTP/1.1", "GET * HTTP/1.1", "OPTIONS * HTTP/1.1", "GET /" + "a".repeat(10_000) + " HTTP/1.1",
                "GET /api/v1/market-data/ohlcv/AAPL?" + "x=1&".repeat(3000) + " HTTP/1.1", "GET /api/v1/markets?a=b c HTTP/1.1",
                "GET /api/v1/mar\tkets HTTP/1.1", "GET /api/v1/markets\u0000 HTTP/1.1", "GET /api/v1/market-data/ohlcv/\u00c0\u00ae\u00c0\u00ae/x HTTP/1.1",
                "GET /api/v1/market-data/ohlcv/\u00d0\u0090APL HTTP/1.1", "GET \\api\\v1\\markets HTTP/1.1", "GET //api//v1//markets HTTP/1.1",
                "GET /api/v1/./markets/../markets HTTP/1.1", "HEAD /api/v1/markets HTTP/1.1", "OPTIONS /api/v1/markets HTTP/1.1",
                "GET /api/v1/markets HTTP/1.0", "\r\n\r\nGET /api/v1/markets HTTP/1.1", "GET /api/v1/markets#frag HTTP/1.1")) {
            lines.add((s + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        for (String s : List.of("GET /api/v1/markets HTTP/1.1", "GET /\u00ff\u00fe HTTP/1.1", "GET /api/v1/market-data/ohlcv/%zz HTTP/1.1")) {
            lines.add((s + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)); // no Host
        }
        lines.add(new byte[]{'G', 'E', 'T', ' ', '/', (byte) 0xFF, (byte) 0xFE, ' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1', '\r', '\n', 'H', 'o', 's',
            't', ':', ' ', 'x', '\r', '\n', '\r', '\n'});
        lines.add("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003".getBytes(StandardCharsets.ISO_8859_1)); // a TLS hello on the plain port
        lines.add(("POST /api/v1/cache HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nxx\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] l : lines) {
            check("raw-lines", new String(l, 0, Math.min(60, l.length), StandardCharsets.ISO_8859_1), l);
        }
    }

    void webSocket() throws Exception {
        List<String> messages = new ArrayList<>(List.of("", " ", "{", "}", "[]", "null", "42", "\"subscribe\"", "{\"action\":null}",
                "{\"action\":42}", "{\"action\":[\"subscribe\"]}", "{\"action\":\"SUBSCRIBE\"}", "{\"action\":\"drop table\"}",
                "{\"action\":\"subscribe\"}", "{\"action\":\"subscribe\",\"channel\":\"../../etc\"}",
                "{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":\"AAPL\"}",
                "{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[null,1,true,{},[]]}",
                "{\"action\":\"subscribe\",\"channel\":\"level1\",\"markets\":[\"' OR 1=1\",\"\u202ECSE\"]}",
                "{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":-1}",
                "{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":99999999999999999999999}",
                "{\"action\":\"resume\",\"channel\":\"trades\",\"symbol\":\"AAPL\",\"fromSeq\":\"x\"}",
                "{\"action\":\"unsubscribe\",\"channel\":\"level1\",\"symbols\":[\"NEVER\"]}",
                "{\"action\":\"ping\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
                "{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[" + "\"A\",".repeat(5000) + "\"B\"]}",
                "{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[\"" + "Z".repeat(60_000) + "\"]}",
                "\uFEFF{\"action\":\"ping\"}", "{\"action\":\"ping\"" + ",\"a\":1".repeat(2000) + "}", "\u0000\u0001\u0002",
                "{\"action\":\"\\ud800\"}"));
        for (String v : ENCODED) {
            String j = json(v);
            messages.add("{\"action\":\"subscribe\",\"channel\":\"level1\",\"symbols\":[" + j + "]}");
            messages.add("{\"action\":\"resume\",\"channel\":" + j + ",\"symbol\":" + j + ",\"fromSeq\":1}");
        }
        for (String v : RAW) {
            messages.add("{\"action\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[" + json(v) + "]}");
        }
        // One connection per hostile message: the stream closes a connection after several bad messages
        // (a defence), so each must show that one bad message leaves the connection working.
        for (String m : messages) {
            counts.merge("websocket", 1, Integer::sum);
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            WebSocketClientConnection c = BasicWebSocketConnector.create().baseUri(URI.create(base.toString())).path("/api/v1/stream")
                    .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                    .onTextMessage((conn, r) -> got.add(r)).connectAndAwait();
            try {
                c.sendTextAndAwait(m);
                c.sendTextAndAwait("{\"action\":\"ping\"}");
                boolean pong = false;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!pong && System.nanoTime() < deadline) {
                    String r = got.poll(1, TimeUnit.SECONDS);
                    if (r == null) {
                        continue;
                    }
                    pong = r.startsWith("{\"type\":\"pong\"");
                    for (String trace : List.of("\tat ", "at com.", "Exception", ".java:")) {
                        if (r.contains(trace)) {
                            violations.add("websocket " + m + " (stack trace) " + r);
                        }
                    }
                }
                if (!pong || !c.isOpen()) {
                    violations.add("websocket connection did not survive: " + (m.length() > 100 ? m.substring(0, 100) : m));
                }
            } finally {
                if (c.isOpen()) {
                    c.closeAndAwait();
                }
            }
        }
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
