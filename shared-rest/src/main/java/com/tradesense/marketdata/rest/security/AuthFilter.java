package com.tradesense.marketdata.rest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.access.AccessDecision;
import com.tradesense.marketdata.access.AccessPolicy;
import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.rest.Problem;
import com.tradesense.marketdata.rest.ProblemKind;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * Authentication and the path-level entitlements of {@code /api/v1/**}, before the rate limiter (priority
 * {@value #PRIORITY} &gt; 1000) and any resource. A valid {@code Authorization: Bearer} access token puts
 * its {@link ClientIdentity} in the routing context under {@link ClientIdentity#ROUTING_CONTEXT_KEY}; no or an
 * invalid token is a 401 problem with {@code WWW-Authenticate: Bearer}; a missing entitlement is a 403
 * problem naming it. A token whose API key was revoked is refused as well (checked through {@link ActiveKeys}).
 * An address that failed authentication {@code mde.auth.failed-auth-limit} times gets 429 with
 * {@code Retry-After}, before its tokens are verified. Open: the token, refresh and JWKS endpoints. The stream's handshake may come without a
 * header (the token then comes in the first message); with one, it must be valid.
 *
 * <p>Entitlements decided here: admin role for {@code /api/v1/admin/**} and {@code DELETE /api/v1/cache};
 * tick history ({@code /market-data/historical}) needs pro; intraday bars and ticks of delayed callers are
 * marked with {@link #DELAYED_MARKET} and cut by {@link DelayedDataFilter}.
 */
@ApplicationScoped
public class AuthFilter {
    public static final int PRIORITY = 1100;
    /** Routing-context key: the {@link Market} whose data this caller gets delayed. */
    public static final String DELAYED_MARKET = "mde.delayed-market";
    static final String API_PREFIX = "/api/v1/";
    static final String STREAM = "/api/v1/stream";
    static final Set<String> OPEN = Set.of("/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/auth/jwks");
    private static final String TICKS = "/api/v1/market-data/historical/";
    private static final String OHLCV = "/api/v1/market-data/ohlcv/";

    private final AuthConfig config;
    private final AccessTokens tokens;
    private final SymbolMaster symbols;
    private final ObjectMapper json;
    private final Event<AuditEvent> audit;
    private final Clock clock;
    private final ActiveKeys activeKeys;
    /** Failed authentications per remote address, in this process (see {@link #failedAuth}). */
    private final LocalRateLimiter failures;

    public AuthFilter(AuthConfig config, AccessTokens tokens, SymbolMaster symbols, ObjectMapper json, Event<AuditEvent> audit, Clock clock,
                      ActiveKeys activeKeys) {
        this.config = config;
        this.activeKeys = activeKeys;
        this.failures = new LocalRateLimiter(Quota.parse(config.failedAuthLimit()));
        this.tokens = tokens;
        this.symbols = symbols;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::handle, PRIORITY);
        }
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.startsWith(API_PREFIX) || OPEN.contains(path)) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null && path.equals(STREAM)) {
            ctx.next();
            return;
        }
        String address = address(ctx);
        RateDecision already = failures.peek(address, System.nanoTime());
        if (!already.allowed() || already.remaining() <= 0) {
            // this address has failed too often: answered before any token is looked at
            tooManyFailures(ctx, already);
            return;
        }
        String token = bearer(header);
        if (token == null) {
            failedAuth(ctx, address, null, "Send 'Authorization: Bearer <access token>': POST /api/v1/auth/token exchanges an API key for one.");
            return;
        }
        AccessTokens.Verified verified = tokens.verify(token).orElse(null);
        if (verified == null) {
            failedAuth(ctx, address, "invalid_token", "The access token is invalid or expired: get a new one (POST /api/v1/auth/token or /api/v1/auth/refresh).");
            return;
        }
        Boolean active = activeKeys.cached(verified.apiKeyId());
        if (active != null) {
            authorize(ctx, path, address, verified, active);
        } else {
            activeKeys.active(verified.apiKeyId()).onComplete(r -> authorize(ctx, path, address, verified, r.failed() || r.result()));
        }
    }

    private void authorize(RoutingContext ctx, String path, String address, AccessTokens.Verified verified, boolean keyActive) {
        if (!keyActive) {
            failedAuth(ctx, address, "invalid_token", "The API key of this access token was revoked.");
            return;
        }
        ClientIdentity who = verified.identity();
        ctx.put(ClientIdentity.ROUTING_CONTEXT_KEY, who);
        String symbol = null;
        String dataType = null;
        AccessDecision decision = null;
        Market market = null;
        if (path.startsWith("/api/v1/admin/") || (ctx.request().method() == HttpMethod.DELETE
                && (path.equals("/api/v1/cache") || path.startsWith("/api/v1/cache/")))) {
            decision = AccessPolicy.admin(who);
            dataType = "admin";
        } else if (path.startsWith(TICKS) || path.startsWith(OHLCV)) {
            boolean ticks = path.startsWith(TICKS);
            Listing listing = listing(path.substring(ticks ? TICKS.length() : OHLCV.length()));
            if (listing != null) {
                symbol = listing.symbol();
                market = listing.market();
                dataType = ticks ? "ticks" : "ohlcv";
                decision = ticks ? AccessPolicy.ticks(who, market) : AccessPolicy.intraday(who, market);
            } else if (ticks) {
                decision = AccessPolicy.ticks(who, null);
                dataType = "ticks";
            }
        }
        if (decision != null && decision.denied()) {
            audit.fire(new AuditEvent(clock.instant(), AuditEvent.Category.ENTITLEMENT_DENIAL, who.subject(),
                    ctx.request().method() + " " + path, symbol, dataType, "denied", decision.reason()));
            problem(ctx, ProblemKind.FORBIDDEN, "Your plan (" + who.plan() + ") is " + decision.reason() + ".", null);
            return;
        }
        if (decision != null && decision.delayed() && market != null) {
            ctx.put(DELAYED_MARKET, market);
        }
        ctx.next();
    }

    private Listing listing(String raw) {
        if (raw.isEmpty() || raw.length() > 32) {
            return null;
        }
        return symbols.find(raw.toUpperCase(Locale.ROOT)).orElse(null);
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).trim();
        return t.isEmpty() ? null : t;
    }

    private static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    /**
     * A 401, counted against the caller's address: past {@code mde.auth.failed-auth-limit} the address gets 429
     * (before any token verification) until the window frees up, so a flood of bad tokens costs the flooder, not
     * the verifier. Per process, like the rest of the inbound limits when Redis is not configured.
     */
    private void failedAuth(RoutingContext ctx, String address, String error, String detail) {
        RateDecision d = failures.tryAcquire(address, 1, System.nanoTime());
        if (!d.allowed()) {
            tooManyFailures(ctx, d);
            return;
        }
        unauthorized(ctx, error, detail);
    }

    private void tooManyFailures(RoutingContext ctx, RateDecision d) {
        long retry = Math.max(1, RateDecision.ceilSeconds(Math.max(d.retryAfterNanos(), d.resetNanos())));
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retry));
        problem(ctx, ProblemKind.RATE_LIMITED, "Too many failed authentications from this address (at most " + config.failedAuthLimit()
                + "). Retry in " + retry + " s with a valid token.", null);
    }

    private void unauthorized(RoutingContext ctx, String error, String detail) {
        problem(ctx, ProblemKind.UNAUTHORIZED, detail,
                error == null ? "Bearer realm=\"market-data\"" : "Bearer realm=\"market-data\", error=\"" + error + "\"");
    }

    private void problem(RoutingContext ctx, ProblemKind kind, String detail, String challenge) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(kind.problem(detail, ctx.request().path(), null));
        } catch (Exception e) {
            body = new byte[0];
        }
        if (challenge != null) {
            ctx.response().putHeader("WWW-Authenticate", challenge);
        }
        ctx.response().setStatusCode(kind.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(body));
    }
}
