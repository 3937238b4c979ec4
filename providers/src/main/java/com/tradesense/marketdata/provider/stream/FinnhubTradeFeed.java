package com.tradesense.marketdata.provider.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.MarketPhase;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.vendor.FinnhubProvider;
import com.tradesense.marketdata.stream.StreamEvent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Finnhub's trade stream ({@code wss://ws.finnhub.io?token=<key>}, VENDORS.md section 5 "WebSocket") on the
 * JDK {@link WebSocket}: {@code {"type":"subscribe","symbol":"AAPL"}} per symbol, trades arrive as
 * {@code {"type":"trade","data":[{"s":"AAPL","p":189.51,"t":<epoch ms>,"v":100,"c":[...]|null}]}} and become
 * {@link StreamEvent.Trade}s. {@code {"type":"ping"}} needs no answer; {@code {"type":"error","msg":…}} is
 * logged; any other frame is malformed, logged and counted, never passed on.
 *
 * <p>Finnhub sends no aggressor side and no trade id: the side is the tick test (an uptick is a buy, a
 * downtick a sell, an unchanged price keeps the previous side, the first print of a symbol counts as a
 * buy) and the id a per-feed counter. Trade conditions ({@code c}) are not interpreted.
 *
 * <p>Silence: every frame (pings included) refreshes {@link #lastMessage()}. While at least one subscribed
 * symbol's market is in its regular session and nothing arrived for {@code silence}, the feed reports
 * itself degraded and drops the connection; any drop is followed by reconnects with exponential backoff
 * (with jitter) from {@code backoffMin} to {@code backoffMax}. After a reconnect every symbol is
 * subscribed again and {@link FeedSink#reconnected} is called before the first new event, so the engine
 * can reset what it built from the old connection. Free plan: one connection, 50 symbols (not enforced here).
 */
public final class FinnhubTradeFeed implements UpstreamFeed {
    public static final String DEFAULT_URL = "wss://ws.finnhub.io";
    private static final System.Logger LOG = System.getLogger(FinnhubTradeFeed.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param silence    how long without a frame, market open, before the feed counts as silent (default 5 s)
     * @param backoffMin first reconnect delay
     * @param backoffMax longest reconnect delay
     */
    public record Settings(Duration silence, Duration backoffMin, Duration backoffMax, Duration connectTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofMillis(250),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private final URI url;
    private final FeedSink sink;
    private final MarketCalendars calendars;
    private final Function<String, Market> marketOf;
    private final Clock clock;
    private final Settings settings;
    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private final Set<String> symbols = ConcurrentHashMap.newKeySet();
    private final Map<String, double[]> lastPrice = new ConcurrentHashMap<>();
    private final Map<String, StreamEvent.Side> lastSide = new ConcurrentHashMap<>();
    private final AtomicLong tradeIds = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong vendorErrors = new AtomicLong();

    private final Object lock = new Object();
    private volatile FeedState state = FeedState.CONNECTING;
    private volatile Instant lastMessage;
    private volatile boolean degraded;
    private WebSocket socket;
    private long connection; // incremented per attempt: callbacks of an old socket are ignored
    private int failures;
    private boolean everConnected;
    private boolean closed;

    /**
     * @param url      stream URL without the token ({@link #DEFAULT_URL}; a test's fake server)
     * @param marketOf the market of a canonical symbol (for "is its market open"), null when unknown
     */
    public FinnhubTradeFeed(URI url, String apiKey, FeedSink sink, MarketCalendars calendars, Function<String, Market> marketOf,
                            Clock clock, Settings settings) {
        this.url = URI.create(url + (url.toString().contains("?") ? "&" : "?") + "token="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
        this.sink = sink;
        this.calendars = calendars;
        this.marketOf = marketOf;
        this.clock = clock;
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "finnhub-feed");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String provider() {
        return FinnhubProvider.ID;
    }

    @Override
    public void start() {
        long checkEvery = Math.max(50, settings.silence().toMillis() / 5);
        timer.scheduleWithFixedDelay(this::checkSilence, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
        timer.execute(this::connect);
    }

    @Override
    public boolean subscribe(String symbol) {
        try {
            FinnhubProvider.toCanonical(symbol);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Market m = marketOf.apply(symbol);
        if (m == null || !m.isUs()) {
            return false; // Finnhub's Casablanca coverage is unconfirmed (VENDORS.md)
        }
        if (symbols.add(symbol)) {
            send(control("subscribe", symbol));
        }
        return true;
    }

    @Override
    public void unsubscribe(String symbol) {
        if (symbols.remove(symbol)) {
            send(control("unsubscribe", symbol));
        }
    }

    @Override
    public Set<String> symbols() {
        return Set.copyOf(symbols);
    }

    @Override
    public FeedState state() {
        return state;
    }

    @Override
    public Instant lastMessage() {
        return lastMessage;
    }

    /** Frames that were not of a documented shape (dropped). */
    public long malformedCount() {
        return malformed.get();
    }

    /** Connections made after the first. */
    public long reconnectCount() {
        return reconnects.get();
    }

    /** {@code {"type":"error"}} frames received. */
    public long vendorErrorCount() {
        return vendorErrors.get();
    }

    @Override
    public void close() {
        WebSocket ws;
        synchronized (lock) {
            closed = true;
            state = FeedState.CLOSED;
            ws = socket;
            socket = null;
        }
        if (ws != null) {
            ws.abort();
        }
        timer.shutdownNow();
    }

    // ------------------------------------------------------------------ connection

    private void connect() {
        long id;
        synchronized (lock) {
            if (closed) {
                return;
            }
            id = ++connection;
        }
        client.newWebSocketBuilder().connectTimeout(settings.connectTimeout())
                .buildAsync(url, new Listener(id))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        lost(id, "connection failed: " + rootMessage(error));
                        return;
                    }
                    boolean again;
                    synchronized (lock) {
                        if (closed || id != connection) {
                            ws.abort();
                            return;
                        }
                        socket = ws;
                        again = everConnected;
                        everConnected = true;
                        failures = 0;
                        state = FeedState.LIVE;
                        lastMessage = clock.instant(); // the silence clock starts with the connection
                    }
                    Set<String> now = symbols();
                    if (again) {
                        reconnects.incrementAndGet();
                        sink.reconnected(provider(), now);
                    }
                    for (String s : now) {
                        send(control("subscribe", s));
                    }
                });
    }

    /** Connection {@code id} is gone: degraded, and the next attempt after the backoff. */
    private void lost(long id, String reason) {
        long delay;
        synchronized (lock) {
            if (closed || id != connection) {
                return;
            }
            WebSocket ws = socket;
            socket = null;
            if (ws != null) {
                ws.abort();
            }
            connection++; // late callbacks of this socket are ignored
            state = FeedState.RECONNECTING;
            long min = settings.backoffMin().toMillis();
            long max = settings.backoffMax().toMillis();
            long base = Math.min(max, min << Math.min(failures, 20));
            failures++;
            delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1); // jitter: several processes do not reconnect in step
        }
        reportDegraded(reason);
        LOG.log(System.Logger.Level.WARNING, "finnhub stream: {0}; reconnecting in {1} ms", reason, delay);
        try {
            timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // closed meanwhile
        }
    }

    private void checkSilence() {
        Instant last = lastMessage;
        long id;
        synchronized (lock) {
            if (closed || state != FeedState.LIVE || last == null) {
                return;
            }
            id = connection;
        }
        Instant now = clock.instant();
        Duration quiet = Duration.between(last, now);
        if (quiet.compareTo(settings.silence()) < 0 || !anyMarketOpen(now)) {
            return;
        }
        state = FeedState.SILENT;
        lost(id, "silent for " + quiet.toMillis() + " ms while the market is open");
    }

    private boolean anyMarketOpen(Instant now) {
        for (String s : symbols) {
            Market m = marketOf.apply(s);
            if (m != null) {
                try {
                    if (calendars.of(m).statusAt(now).status() == MarketPhase.OPEN) {
                        return true;
                    }
                } catch (RuntimeException outsideCalendar) {
                    // a date the calendar does not cover: silence cannot be judged
                }
            }
        }
        return false;
    }

    private void reportDegraded(String reason) {
        degraded = true;
        sink.degraded(provider(), reason);
    }

    private void send(String text) {
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
        }
        if (ws != null) {
            // the JDK socket allows one outstanding send: chain them
            synchronized (this) {
                pending = pending.thenCompose(x -> ws.sendText(text, true)).exceptionally(e -> null);
            }
        }
    }

    private CompletableFuture<?> pending = CompletableFuture.completedFuture(null);

    private static String control(String type, String symbol) {
        return "{\"type\":\"" + type + "\",\"symbol\":" + quote(symbol) + "}";
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

    // ------------------------------------------------------------------ frames

    void onFrame(String text) {
        lastMessage = clock.instant();
        if (degraded) {
            degraded = false;
            sink.recovered(provider());
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            rejected("not JSON", text);
            return;
        }
        String type = frame == null ? "" : frame.path("type").asText("");
        switch (type) {
            case "ping" -> {
            }
            case "trade" -> trades(frame, text);
            case "error" -> {
                vendorErrors.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "finnhub stream error: {0}", frame.path("msg").asText(""));
            }
            default -> rejected("unknown type '" + type + "'", text);
        }
    }

    private void trades(JsonNode frame, String text) {
        JsonNode data = frame.get("data");
        if (data == null || !data.isArray()) {
            rejected("trade frame without a data array", text);
            return;
        }
        for (JsonNode d : data) {
            JsonNode s = d.get("s");
            JsonNode p = d.get("p");
            JsonNode t = d.get("t");
            JsonNode v = d.get("v");
            if (s == null || !s.isTextual() || p == null || !p.isNumber() || t == null || !t.isIntegralNumber()
                    || v == null || !v.isNumber()) {
                rejected("trade without s/p/t/v of the documented types", d.toString());
                continue;
            }
            String symbol = s.textValue();
            if (!symbols.contains(symbol)) {
                continue; // a late print of a symbol just unsubscribed
            }
            double price = p.doubleValue();
            long size = Math.round(v.doubleValue());
            if (!(price > 0) || Double.isInfinite(price) || size <= 0) {
                rejected("trade with a non-positive price or size", d.toString());
                continue;
            }
            sink.publish(new StreamEvent.Trade(symbol, t.longValue(), price, size, side(symbol, price), tradeIds.incrementAndGet()));
        }
    }

    /** The tick test (see the class comment). */
    private StreamEvent.Side side(String symbol, double price) {
        double[] last = lastPrice.computeIfAbsent(symbol, k -> new double[]{Double.NaN});
        StreamEvent.Side side;
        synchronized (last) {
            StreamEvent.Side before = lastSide.getOrDefault(symbol, StreamEvent.Side.BUY);
            side = Double.isNaN(last[0]) || price == last[0] ? before : price > last[0] ? StreamEvent.Side.BUY : StreamEvent.Side.SELL;
            last[0] = price;
            lastSide.put(symbol, side);
        }
        return side;
    }

    private void rejected(String why, String text) {
        malformed.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "finnhub stream: dropped a frame ({0}): {1}", why,
                text.length() > 160 ? text.substring(0, 160) + "..." : text);
    }

    private final class Listener implements WebSocket.Listener {
        private final long id;
        private final StringBuilder partial = new StringBuilder();

        Listener(long id) {
            this.id = id;
        }

        private boolean current() {
            synchronized (lock) {
                return id == connection && !closed;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (current()) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    onFrame(text);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            lost(id, "closed by the vendor (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(id, "connection lost: " + rootMessage(error));
        }
    }
}
