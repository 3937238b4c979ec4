package com.tradesense.marketdata.rest.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.access.Plans;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateClock;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.ratelimit.RateLimiter;
import com.tradesense.marketdata.ratelimit.RateLimiterFactory;
import com.tradesense.marketdata.ratelimit.Window;
import com.tradesense.marketdata.rest.Problem;
import com.tradesense.marketdata.rest.ProblemKind;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Inbound limits on {@code /api/v1/**}, before any resource runs: per client (the token subject of the
 * {@link ClientIdentity} the auth filter put in the routing context, with the quota of its plan; without one,
 * i.e. with {@code mde.auth.enabled=false} or on the open token endpoints, the {@code X-API-Key} header, else
 * the remote address, with the {@code client} quota), per client and
 * symbol (market-data paths), and per market for all clients together (a symbol's market, or the
 * {@code /markets/{market}} segment). Every response carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds) of the tightest limit checked; a
 * denial is a 429 problem with {@code Retry-After}.
 *
 * <p>Cheap on the hot path: with in-memory counters a check is a map lookup and a few arithmetic
 * operations under the key's lock, run inline on the event loop; with Redis it is one asynchronous round
 * trip (no thread blocks). A request denied by a later limit has still spent its client permit: refused
 * requests count against the client that sends them.
 */
@ApplicationScoped
public class InboundRateLimitFilter {
    static final String API_PREFIX = "/api/v1/";
    static final String MARKET_DATA = "/api/v1/market-data/";
    static final String MARKETS = "/api/v1/markets/";
    /** Before the application's routes, after Quarkus's own early filters (CORS). */
    private static final int PRIORITY = 1000;
    private static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
    private static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
    private static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");
    private static final CharSequence API_KEY = HttpHeaders.createOptimized("X-API-Key");

    private final RateLimitConfig config;
    private final RateLimitMetrics metrics;
    private final SymbolMaster symbols;
    private final ObjectMapper json;
    private final RateLimiter clients;
    private final Map<String, RateLimiter> planClients = new HashMap<>();
    private final RateLimiter perSymbol;
    private final RateLimiter markets;
    private final boolean inline;
    private final RateClock clock = RateClock.SYSTEM;

    public InboundRateLimitFilter(RateLimitConfig config, RateLimiterFactory factory, SymbolMaster symbols, ObjectMapper json,
                                  RateLimitMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.symbols = symbols;
        this.json = json;
        RateLimitConfig.Inbound in = config.inbound();
        clients = factory.create("client", quota(in.client(), in));
        planClients.put(Plans.FREE, factory.create("client-free", quota(in.free(), in)));
        planClients.put(Plans.PRO, factory.create("client-pro", quota(in.pro(), in)));
        planClients.put(Plans.ENTERPRISE, factory.create("client-enterprise", quota(in.enterprise(), in)));
        perSymbol = factory.create("symbol", quota(in.symbol(), in));
        markets = factory.create("market", quota(in.market(), in));
        inline = clients instanceof LocalRateLimiter && perSymbol instanceof LocalRateLimiter && markets instanceof LocalRateLimiter
                && planClients.values().stream().allMatch(l -> l instanceof LocalRateLimiter);
    }

    /**
     * A plain rate ({@code 1000/1m}) gets the configured burst allowance; a spec naming its own algorithm
     * or burst is taken as written.
     */
    static Quota quota(String spec, RateLimitConfig.Inbound in) {
        if (spec.trim().matches("\\d+\\s*/\\s*\\d*\\s*[a-zA-Z]+")) {
            Window w = Window.parse(spec + " token-bucket");
            return Quota.of(Window.burstAllowance(w.permits(), w.period(), in.burstMultiplier(), in.burstDuration()));
        }
        return Quota.parse(spec);
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::handle, PRIORITY);
        }
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.startsWith(API_PREFIX)) {
            ctx.next();
            return;
        }
        ClientIdentity identity = ctx.get(ClientIdentity.ROUTING_CONTEXT_KEY);
        String client = identity == null ? clientId(ctx.request()) : "sub:" + identity.subject();
        RateLimiter clients = identity == null ? this.clients : planClients.getOrDefault(identity.plan(), planClients.get(Plans.FREE));
        String plan = identity == null ? null : identity.plan();
        String symbol = null;
        Market market = null;
        if (path.startsWith(MARKET_DATA)) {
            int kindEnd = path.indexOf('/', MARKET_DATA.length());
            if (kindEnd > 0 && kindEnd + 1 < path.length()) {
                Listing listing = symbols.find(path.substring(kindEnd + 1).toUpperCase(Locale.ROOT)).orElse(null);
                if (listing != null) {
                    symbol = listing.symbol();
                    market = listing.market();
                }
            }
        } else if (path.startsWith(MARKETS)) {
            int end = path.indexOf('/', MARKETS.length());
            market = Market.find(path.substring(MARKETS.length(), end < 0 ? path.length() : end)).orElse(null);
        }
        long now = clock.nanos();
        if (inline) {
            Verdict v = new Verdict("client", clients.tryAcquire(client, 1, now));
            if (v.decision.allowed() && symbol != null) {
                v = v.tighter("symbol", perSymbol.tryAcquire(client + ' ' + symbol, 1, now));
            }
            if (v.decision.allowed() && market != null) {
                v = v.tighter("market", markets.tryAcquire(market.name(), 1, now));
            }
            finish(ctx, v, market == null ? null : market.name(), plan);
            return;
        }
        String symbolKey = symbol == null ? null : client + ' ' + symbol;
        String marketKey = market == null ? null : market.name();
        Context context = Vertx.currentContext();
        clients.tryAcquireAsync(client, 1, now)
                .thenCompose(d -> next(new Verdict("client", d), perSymbol, "symbol", symbolKey, now))
                .thenCompose(v -> next(v, markets, "market", marketKey, now))
                .whenComplete((v, e) -> {
                    Verdict verdict = e == null ? v : null;
                    if (context != null && Vertx.currentContext() != context) {
                        context.runOnContext(x -> finish(ctx, verdict, marketKey, plan));
                    } else {
                        finish(ctx, verdict, marketKey, plan);
                    }
                });
    }

    private static CompletionStage<Verdict> next(Verdict v, RateLimiter limiter, String scope, String key, long now) {
        if (!v.decision.allowed() || key == null) {
            return CompletableFuture.completedFuture(v);
        }
        return limiter.tryAcquireAsync(key, 1, now).thenApply(d -> v.tighter(scope, d));
    }

    private void finish(RoutingContext ctx, Verdict v, String market, String plan) {
        if (v == null) {
            // the limiter itself failed (not the store: that falls back): serve rather than refuse
            ctx.next();
            return;
        }
        RateDecision d = v.decision;
        metrics.record(v.scope, market, d);
        MultiMap headers = ctx.response().headers();
        headers.set(LIMIT, Long.toString(d.limit()));
        headers.set(REMAINING, Long.toString(d.remaining()));
        headers.set(RESET, Long.toString(RateDecision.ceilSeconds(d.resetNanos())));
        if (d.allowed()) {
            ctx.next();
            return;
        }
        long retry = Math.max(1, RateDecision.ceilSeconds(d.retryAfterNanos()));
        String detail = "Rate limit reached: at most " + limitText(v, plan) + ". Retry in " + retry + " s.";
        byte[] body;
        try {
            body = json.writeValueAsBytes(ProblemKind.RATE_LIMITED.problem(detail, ctx.request().path(), null));
        } catch (Exception e) {
            body = new byte[0];
        }
        ctx.response().setStatusCode(429)
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retry))
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(body));
    }

    private String limitText(Verdict v, String plan) {
        RateLimitConfig.Inbound in = config.inbound();
        String clientQuota = plan == null ? in.client() : switch (plan) {
            case Plans.PRO -> in.pro();
            case Plans.ENTERPRISE -> in.enterprise();
            default -> in.free();
        };
        return switch (v.scope) {
            case "symbol" -> in.symbol() + " requests per client for one symbol";
            case "market" -> in.market() + " requests for one market from all clients";
            default -> clientQuota + " requests per client" + (plan == null ? "" : " on plan " + plan) + ", with bursts of " + v.decision.limit();
        };
    }

    static String clientId(HttpServerRequest request) {
        String key = request.getHeader(API_KEY);
        if (key != null && !key.isEmpty()) {
            return key.length() > 128 ? "key:" + key.hashCode() : "key:" + key;
        }
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    /** The tightest decision so far and which limit made it. */
    private record Verdict(String scope, RateDecision decision) {
        Verdict tighter(String otherScope, RateDecision other) {
            return decision.tighter(other) == other && other != decision ? new Verdict(otherScope, other) : this;
        }
    }
}
