package com.tradesense.marketdata.rest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.access.AccessDecision;
import com.tradesense.marketdata.access.AccessPolicy;
import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.ratelimit.RateDecision;
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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
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
 * {@value #PRIORITY} &gt; 1000) and any resource. The caller presents one {@link Credential}: an access token
 * ({@code Authorization: Bearer <JWT>}) or the API key itself ({@code Authorization: Bearer <key>},
 * {@code X-API-Key}, {@code ?apiKey=}), with the same plan and entitlements either way. A valid one puts its
 * {@link ClientIdentity} in the routing context under {@link ClientIdentity#ROUTING_CONTEXT_KEY}; none, an invalid
 * or an unknown one is a 401 problem with {@code WWW-Authenticate: Bearer}, two different ones a 400
 * {@code invalid_request}; a missing entitlement is a 403 problem naming it. The credential's API key must still be
 * active (checked through {@link ActiveKeys} on every request, also for a cached token or key). An address that
 * failed authentication {@code mde.auth.failed-auth-limit} times gets 429 with {@code Retry-After}, before its
 * credentials are looked at ({@link FailedAuthentications}). Open: the token, refresh and JWKS endpoints. The
 * stream's handshake may come without a credential (it then comes in the first message); with one, it must be valid.
 *
 * <p>At wire speed: a token's signature is verified once and then known until it expires ({@link AccessTokens}),
 * an API key is looked up in the store once ({@link ApiKeyIdentities}); what runs on every request is a SHA-256 of
 * the credential, two map lookups and the key-active check.
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
    private static final CharSequence X_API_KEY = HttpHeaders.createOptimized(Credential.API_KEY_HEADER);
    /** How long a client should wait when the key store cannot answer (seconds). */
    private static final long STORE_RETRY_SECONDS = 5;
    static final String NO_CREDENTIAL = "Send 'Authorization: Bearer <access token or API key>', 'X-API-Key: <API key>' or"
            + " '?apiKey=<API key>': POST /api/v1/auth/token exchanges an API key for an access token.";
    static final String UNKNOWN_KEY = "Unknown or revoked API key.";

    private final AuthConfig config;
    private final AccessTokens tokens;
    private final SymbolMaster symbols;
    private final ObjectMapper json;
    private final Event<AuditEvent> audit;
    private final Clock clock;
    private final ActiveKeys activeKeys;
    private final ApiKeyIdentities apiKeys;
    private final FailedAuthentications failures;

    public AuthFilter(AuthConfig config, AccessTokens tokens, SymbolMaster symbols, ObjectMapper json, Event<AuditEvent> audit, Clock clock,
                      ActiveKeys activeKeys, ApiKeyIdentities apiKeys, FailedAuthentications failures) {
        this.config = config;
        this.activeKeys = activeKeys;
        this.apiKeys = apiKeys;
        this.failures = failures;
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
        HttpServerRequest request = ctx.request();
        MultiMap headers = request.headers();
        // getAll only for headers that are there (it builds a list): one of the two is absent on almost every request
        Credential credential = Credential.of(headers.contains(HttpHeaders.AUTHORIZATION) ? headers.getAll(HttpHeaders.AUTHORIZATION) : null,
                headers.contains(X_API_KEY) ? headers.getAll(X_API_KEY) : null, request.query());
        if (!credential.presented() && path.equals(STREAM)) {
            ctx.next();
            return;
        }
        String address = address(ctx);
        RateDecision refusal = failures.refusal(address);
        if (refusal != null) {
            // this address has failed too often: answered before any credential is looked at
            tooManyFailures(ctx, refusal);
            return;
        }
        switch (credential.kind()) {
            case ACCESS_TOKEN -> {
                AccessTokens.Verified verified = tokens.verify(credential.secret()).orElse(null);
                if (verified == null) {
                    failedAuth(ctx, address, "invalid_token", "The access token is invalid or expired: get a new one (POST /api/v1/auth/token or /api/v1/auth/refresh).");
                } else {
                    whenKeyChecked(ctx, path, address, verified);
                }
            }
            case API_KEY -> apiKey(ctx, path, address, credential.secret());
            case CONFLICTING -> failedAuth(ctx, address, ProblemKind.BAD_REQUEST, "invalid_request", "Send one credential: this request carries"
                    + " different ones (Authorization, X-API-Key, ?apiKey=). Repeating the same one is fine.");
            default -> failedAuth(ctx, address, null, NO_CREDENTIAL);
        }
    }

    /** An API key presented directly: its identity from the cache, else from the store (on a worker thread). */
    private void apiKey(RoutingContext ctx, String path, String address, String key) {
        if (!Credential.plausibleKey(key)) {
            failedAuth(ctx, address, "invalid_token", UNKNOWN_KEY);
            return;
        }
        AccessTokens.Verified known = apiKeys.cached(key);
        if (known != null) {
            whenKeyChecked(ctx, path, address, known);
            return;
        }
        Context context = Vertx.currentContext();
        apiKeys.lookup(key).onComplete(r -> onContext(context, () -> {
            if (r.failed()) {
                // the key cannot be told from a guess now: neither served nor counted against the caller
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(STORE_RETRY_SECONDS));
                problem(ctx, ProblemKind.UNAVAILABLE, "API keys cannot be checked right now (the key store does not answer): retry in "
                        + STORE_RETRY_SECONDS + " s, or send an access token.", null);
            } else if (r.result().isEmpty()) {
                failedAuth(ctx, address, "invalid_token", UNKNOWN_KEY);
            } else {
                whenKeyChecked(ctx, path, address, r.result().get());
            }
        }));
    }

    /** Runs {@link #authorize} once {@link ActiveKeys} knows whether the credential's API key is still active. */
    private void whenKeyChecked(RoutingContext ctx, String path, String address, AccessTokens.Verified verified) {
        Boolean active = activeKeys.cached(verified.apiKeyId());
        if (active != null) {
            authorize(ctx, path, address, verified, active);
            return;
        }
        Context context = Vertx.currentContext();
        activeKeys.active(verified.apiKeyId()).onComplete(r -> onContext(context,
                () -> authorize(ctx, path, address, verified, r.failed() || r.result())));
    }

    /** Continues on the request's own event loop (a shared lookup completes on the loop of whoever started it). */
    private static void onContext(Context context, Runnable task) {
        if (context == null || context == Vertx.currentContext()) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    private void authorize(RoutingContext ctx, String path, String address, AccessTokens.Verified verified, boolean keyActive) {
        if (!keyActive) {
            failedAuth(ctx, address, "invalid_token", verified.apiKey() ? UNKNOWN_KEY : "The API key of this access token was revoked.");
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
     * (before any credential is looked at) until the window frees up, so a flood of bad tokens or guessed keys costs
     * the flooder, not the verifier or the store. Per process, like the rest of the inbound limits when Redis is not
     * configured.
     */
    private void failedAuth(RoutingContext ctx, String address, String error, String detail) {
        failedAuth(ctx, address, ProblemKind.UNAUTHORIZED, error, detail);
    }

    private void failedAuth(RoutingContext ctx, String address, ProblemKind kind, String error, String detail) {
        RateDecision d = failures.failed(address);
        if (!d.allowed()) {
            tooManyFailures(ctx, d);
            return;
        }
        problem(ctx, kind, detail,
                error == null ? "Bearer realm=\"market-data\"" : "Bearer realm=\"market-data\", error=\"" + error + "\"");
    }

    private void tooManyFailures(RoutingContext ctx, RateDecision d) {
        long retry = FailedAuthentications.retryAfterSeconds(d);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retry));
        problem(ctx, ProblemKind.RATE_LIMITED, "Too many failed authentications from this address (at most " + failures.limit()
                + "). Retry in " + retry + " s with a valid credential.", null);
    }

    private void problem(RoutingContext ctx, ProblemKind kind, String detail, String challenge) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return; // the client left while its key was being looked up
        }
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
