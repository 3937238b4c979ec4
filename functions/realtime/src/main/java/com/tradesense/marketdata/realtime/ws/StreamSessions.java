package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.access.AccessDecision;
import com.tradesense.marketdata.access.AccessPolicy;
import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.rest.security.AccessTokens;
import com.tradesense.marketdata.rest.security.ActiveKeys;
import com.tradesense.marketdata.rest.security.AuthConfig;
import com.tradesense.marketdata.rest.security.ApiKeyIdentities;
import com.tradesense.marketdata.rest.security.AuthFilter;
import com.tradesense.marketdata.rest.security.Credential;
import com.tradesense.marketdata.rest.security.FailedAuthentications;
import com.tradesense.marketdata.ratelimit.RateDecision;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateLimiter;
import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.realtime.bus.StreamBus;
import com.tradesense.marketdata.realtime.config.StreamConfig;
import com.tradesense.marketdata.realtime.metrics.StreamMetrics;
import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.EventCodec;
import com.tradesense.marketdata.stream.protocol.ClientMessage;
import com.tradesense.marketdata.stream.protocol.ClientMessages;
import com.tradesense.marketdata.stream.protocol.ServerMessages;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.symbols.Listing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream protocol: parses client messages, answers each subscribe/unsubscribe/resume with one ack,
 * subscribes sessions to the hub, sends {@code {"type":"error","code","message"}} for bad input, and
 * closes abusive, slow or silent clients with the codes of {@link CloseCodes}. Once a second it checks
 * every session (laggards, heartbeats, authentication deadline, token expiry) and pings those due.
 *
 * <p>Authentication (docs/stream.md "Authentication"): a {@link Credential} at the handshake ({@code Authorization:
 * Bearer <access token or API key>}, {@code X-API-Key}, {@code ?apiKey=}; checked by the HTTP {@link AuthFilter}
 * first), or a first message {@code {"action":"auth","token":"<access token or API key>"}} (or {@code "apiKey"})
 * within {@code mde.auth.ws-auth-timeout}. {@code mde.auth.ws-expiry-warning} before an access token expires the
 * server sends {@code {"type":"token_expiring",...}}; an {@code auth} message with a new token of the same subject
 * extends the connection (subscriptions the new token no longer allows are dropped), otherwise it is closed with
 * 4004 at expiry. An API key does not expire: no warning, no 4004. A revoked API key closes its connections with
 * 4005 ({@link ActiveKeys}), whether it came itself or behind a token. A bad credential in an {@code auth} message
 * counts against the address's failed-authentication limit as on HTTP ({@link FailedAuthentications}). Every
 * subscription is checked against {@link AccessPolicy#stream}: refused symbols appear in the ack's
 * {@code rejected} with "not entitled: ...".
 */
@ApplicationScoped
public class StreamSessions {
    private static final Logger LOG = Logger.getLogger(StreamSessions.class);
    private static final long CHECK_PERIOD_MS = 1_000;
    /** Messages a client may send while its API key is looked up (a few subscribes right after auth). */
    private static final int MAX_HELD = 32;

    private final StreamHub hub;
    private final StreamBus bus;
    private final StreamConfig config;
    private final Vertx vertx;
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    /** The protocol codec: client messages to typed commands (shared-core stream.protocol). */
    private final ClientMessages messages;
    /** Client messages per connection (keyed by connection id; idle keys are swept by the limiter). */
    private final RateLimiter clientMessages;
    private long timer = -1;
    private final AuthConfig auth;
    private final AccessTokens tokens;
    private final Event<AuditEvent> audit;
    private final Clock clock;
    private final ActiveKeys activeKeys;
    private final StreamMetrics metrics;
    private final FrameWriters writers;
    private final ApiKeyIdentities apiKeys;
    private final FailedAuthentications failures;

    public StreamSessions(StreamHub hub, StreamBus bus, StreamConfig config, Vertx vertx, AuthConfig auth,
                          AccessTokens tokens, Event<AuditEvent> audit, Clock clock, ActiveKeys activeKeys,
                          ApiKeyIdentities apiKeys, FailedAuthentications failures, StreamMetrics metrics, FrameWriters writers) {
        this.hub = hub;
        this.metrics = metrics;
        this.writers = writers;
        this.activeKeys = activeKeys;
        this.apiKeys = apiKeys;
        this.failures = failures;
        this.bus = bus;
        this.config = config;
        this.vertx = vertx;
        this.auth = auth;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.clientMessages = new LocalRateLimiter(Quota.parse(config.clientMessageRate()));
        this.messages = new ClientMessages(config.maxSymbolsPerRequest());
    }

    void start(@Observes StartupEvent event) {
        metrics.connections(this::size);
        timer = vertx.setPeriodic(CHECK_PERIOD_MS, id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        for (ClientSession s : sessions.values()) {
            s.onContext(() -> s.close(CloseCodes.GOING_AWAY, "server shutting down"));
        }
    }

    /** Open connections. */
    public int size() {
        return sessions.size();
    }

    /** Open connections whose frames go straight to the Netty channel (all of them, unless the fallback is in use). */
    public long writingToChannel() {
        return sessions.values().stream().filter(ClientSession::writesToChannel).count();
    }

    void open(WebSocketConnection connection) {
        Context context = Vertx.currentContext();
        ClientSession s = new ClientSession(connection, context, hub, writers, config.sessionQueue(), config.controlQueue(),
                config.maxBadMessages());
        sessions.put(connection.id(), s);
        if (!auth.enabled()) {
            return;
        }
        s.authDeadlineNanos = System.nanoTime() + auth.wsAuthTimeout().toNanos();
        HandshakeRequest handshake = connection.handshakeRequest();
        Credential credential = Credential.of(handshake.headers("Authorization"), handshake.headers(Credential.API_KEY_HEADER),
                handshake.query());
        // the HTTP filter refused the handshake already unless this credential is valid: resolved again here from the
        // caches it just filled (no second signature check, no second store lookup)
        if (credential.kind() == Credential.Kind.ACCESS_TOKEN) {
            tokens.verify(credential.secret()).ifPresent(v -> authenticated(s, v, false));
        } else if (credential.kind() == Credential.Kind.API_KEY && Credential.plausibleKey(credential.secret())) {
            AccessTokens.Verified known = apiKeys.cached(credential.secret());
            if (known != null) {
                authenticated(s, known, false);
            } else {
                lookUpKey(s, credential.secret(), false);
            }
        }
    }

    /**
     * An API key not in the cache: looked up in the store while the client's messages wait. Unknown: the connection
     * is closed with 4003 (a first authentication) or told so (a re-authentication), and the address is charged a
     * failed authentication.
     */
    private void lookUpKey(ClientSession s, String key, boolean answer) {
        s.authPending = true;
        apiKeys.lookup(key).onComplete(r -> s.onContext(() -> {
            s.authPending = false;
            if (s.isClosed()) {
                return;
            }
            if (r.failed()) {
                refuse(s, "auth_unavailable", "API keys cannot be checked right now (the key store does not answer): retry shortly,"
                        + " or send an access token.", false);
            } else if (r.result().isEmpty() || Boolean.FALSE.equals(activeKeys.cached(r.result().get().apiKeyId()))) {
                refuse(s, "invalid_token", "Unknown or revoked API key.", true);
            } else {
                accept(s, r.result().get(), answer);
            }
            releaseHeld(s);
        }));
    }

    /** The messages that waited for an API key lookup, handled in the order they came (until one closes the connection). */
    private void releaseHeld(ClientSession s) {
        while (s.held != null && !s.held.isEmpty() && !s.authPending && !s.isClosed()) {
            handle(s, s.held.poll());
        }
    }

    private void authenticated(ClientSession s, AccessTokens.Verified verified, boolean answer) {
        boolean reauth = s.identity != null;
        s.identity = verified.identity();
        s.apiKeyId = verified.apiKeyId();
        s.tokenExpiresAt = verified.expiresAt();
        s.expiryWarned = false;
        s.authDeadlineNanos = Long.MAX_VALUE;
        if (answer) {
            // an API key has no expiry: it lasts until the key is revoked (4005)
            s.send(ServerMessages.authenticated(s.identity.subject(), s.identity.plan(), s.tokenExpiresAt));
        }
        if (reauth) {
            dropNoLongerEntitled(s);
        }
    }

    /**
     * After a re-authentication: the new token may carry a lower plan or fewer entitlements (another key of the
     * same client). Each subscription it no longer allows is dropped, with one
     * {@code {"type":"unsubscribed","channel",...,"symbols":[],"rejected":[{"symbol","reason"}]}} per channel.
     */
    private void dropNoLongerEntitled(ClientSession s) {
        Map<Channel, ServerMessages.SubscriptionAck> dropped = new java.util.EnumMap<>(Channel.class);
        for (String sub : java.util.List.copyOf(s.subscriptions)) {
            int bar = sub.indexOf('|');
            Channel ch = Channel.valueOf(sub.substring(0, bar));
            String key = sub.substring(bar + 1);
            Optional<Listing> listing = hub.listing(key);
            Market market = listing.map(Listing::market).orElseGet(() -> Market.find(key).orElse(null));
            AccessDecision d = AccessPolicy.stream(s.identity, ch, market);
            if (!d.denied()) {
                continue;
            }
            if (listing.isPresent()) {
                hub.unsubscribe(s.outbox, key, ch);
            } else if (market != null) {
                hub.unsubscribeMarket(s.outbox, market, ch);
            }
            s.subscriptions.remove(sub);
            dropped.computeIfAbsent(ch, c -> new ServerMessages.SubscriptionAck(false, c)).reject(key, d.reason());
            audit(s, AuditEvent.Category.ENTITLEMENT_DENIAL, key, ch, "denied", d.reason() + " (re-authentication)");
        }
        dropped.forEach((ch, ack) -> s.send(ack.reason("re-authenticated with fewer entitlements").encode()));
    }

    /**
     * {@code {"action":"auth","token":"..."}} (or {@code "apiKey"}): first authentication, or a new credential before the
     * current token expires. The value is an access token (JWT shape) or an API key, told apart as on HTTP.
     */
    private void authenticate(ClientSession s, ClientMessage.Auth msg) {
        RateDecision refusal = failures.refusal(address(s));
        if (refusal != null) {
            String error = EventCodec.error("rate_limited", "Too many failed authentications from this address (at most "
                    + failures.limit() + "): retry in " + FailedAuthentications.retryAfterSeconds(refusal) + " s.");
            if (s.identity == null) {
                s.closeWith(error, CloseCodes.UNAUTHENTICATED, "too many failed authentications");
            } else {
                s.send(error);
            }
            return;
        }
        String token = msg.token();
        String apiKey = msg.apiKey();
        if (token != null && apiKey != null && !token.equals(apiKey)) {
            refuse(s, "invalid_request", "Send one credential: \"token\" and \"apiKey\" differ.", true);
            return;
        }
        String secret = token != null ? token : apiKey != null ? apiKey : "";
        if (apiKey == null && Credential.jwtShaped(secret)) {
            AccessTokens.Verified verified = tokens.verify(secret).orElse(null);
            if (verified != null && Boolean.FALSE.equals(activeKeys.cached(verified.apiKeyId()))) {
                verified = null; // its key is known revoked (an unknown answer is settled by the next check())
            }
            if (verified == null) {
                refuse(s, "invalid_token", "The token is invalid or expired: get a new one (POST /api/v1/auth/token or /api/v1/auth/refresh).", true);
            } else {
                accept(s, verified, true);
            }
            return;
        }
        if (!Credential.plausibleKey(secret)) {
            refuse(s, "invalid_token", secret.isEmpty() ? "Send {\"action\":\"auth\",\"token\":\"<access token or API key>\"}."
                    : "Unknown or revoked API key.", true);
            return;
        }
        AccessTokens.Verified known = apiKeys.cached(secret);
        if (known != null && !Boolean.FALSE.equals(activeKeys.cached(known.apiKeyId()))) {
            accept(s, known, true);
        } else if (known != null) {
            refuse(s, "invalid_token", "Unknown or revoked API key.", true);
        } else {
            lookUpKey(s, secret, true);
        }
    }

    /** A verified credential in an {@code auth} message (or at the handshake): must be for the connection's client. */
    private void accept(ClientSession s, AccessTokens.Verified verified, boolean answer) {
        if (s.identity != null && !s.identity.subject().equals(verified.identity().subject())) {
            error(s, "subject_mismatch", "A new token must be for the same client as the connection's.");
            return;
        }
        authenticated(s, verified, answer);
    }

    /**
     * A credential refused: a connection not yet authenticated is closed with 4003, an authenticated one keeps its
     * current credential and is told. {@code failed}: charged to the address as a failed authentication.
     */
    private void refuse(ClientSession s, String code, String message, boolean failed) {
        if (failed) {
            failures.failed(address(s));
        }
        String error = EventCodec.error(code, message);
        if (s.identity == null) {
            s.closeWith(error, CloseCodes.UNAUTHENTICATED, "invalid credential");
        } else {
            s.send(error);
        }
    }

    /** The remote host of the connection (as the HTTP filter counts failures: by address, without the port). */
    private static String address(ClientSession s) {
        String remote = s.connection.handshakeRequest().remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        int colon = remote.lastIndexOf(':');
        return colon > 0 ? remote.substring(0, colon) : remote;
    }

    void closed(WebSocketConnection connection) {
        ClientSession s = sessions.remove(connection.id());
        if (s == null) {
            return;
        }
        s.close(CloseCodes.GOING_AWAY, "closed");
        for (String sub : s.subscriptions) {
            int bar = sub.indexOf('|');
            Channel ch = Channel.valueOf(sub.substring(0, bar));
            String key = sub.substring(bar + 1);
            if (!hub.unsubscribe(s.outbox, key, ch)) {
                Market.find(key).ifPresent(m -> hub.unsubscribeMarket(s.outbox, m, ch));
            }
        }
        s.subscriptions.clear();
    }

    void seen(WebSocketConnection connection) {
        ClientSession s = sessions.get(connection.id());
        if (s != null) {
            s.lastSeenNanos = System.nanoTime();
        }
    }

    void binary(WebSocketConnection connection) {
        ClientSession s = sessions.get(connection.id());
        if (s != null) {
            s.lastSeenNanos = System.nanoTime();
            error(s, "binary_not_supported", "Binary frames are not part of this API: send JSON text.");
        }
    }

    void text(WebSocketConnection connection, String message) {
        ClientSession s = sessions.get(connection.id());
        if (s == null || s.isClosed()) {
            return;
        }
        s.lastSeenNanos = System.nanoTime();
        if (!clientMessages.tryAcquire(connection.id(), 1, s.lastSeenNanos).allowed()) {
            error(s, "rate_limited", "Too many messages: at most " + config.clientMessageRate() + " per connection.");
            return;
        }
        if (message.length() > config.maxMessageChars()) {
            error(s, "message_too_large", "Messages are limited to " + config.maxMessageChars() + " characters.");
            return;
        }
        if (s.authPending) {
            if (s.held == null) {
                s.held = new java.util.ArrayDeque<>();
            }
            if (s.held.size() >= MAX_HELD) {
                s.close(CloseCodes.ABUSE, "too many messages before authentication");
                return;
            }
            s.held.add(message);
            return;
        }
        handle(s, message);
    }

    /** One client message, past the rate limit and size checks: parsed by the protocol codec, acted on here. */
    private void handle(ClientSession s, String message) {
        ClientMessage msg = messages.parse(message);
        if (msg instanceof ClientMessage.Invalid invalid) {
            error(s, invalid.code(), invalid.message());
            return;
        }
        if (msg instanceof ClientMessage.Auth credential) {
            if (auth.enabled()) {
                authenticate(s, credential);
            } else {
                s.send("{\"type\":\"authenticated\",\"subject\":\"anonymous\"}");
            }
            return;
        }
        if (auth.enabled() && s.identity == null) {
            s.closeWith(EventCodec.error("unauthenticated", "Authenticate first: {\"action\":\"auth\",\"token\":\"<access token>\"}"
                    + " or an Authorization: Bearer header at the handshake."), CloseCodes.UNAUTHENTICATED, "not authenticated");
            return;
        }
        if (msg instanceof ClientMessage.Subscription sub) {
            subscription(s, sub);
        } else if (msg instanceof ClientMessage.Resume r) {
            resume(s, r);
        } else {
            s.send(ServerMessages.pong(System.currentTimeMillis())); // ClientMessage.Ping, the one left
        }
    }

    private void subscription(ClientSession s, ClientMessage.Subscription msg) {
        boolean subscribe = msg.subscribe();
        Channel channel = msg.channel();
        ServerMessages.SubscriptionAck ack = new ServerMessages.SubscriptionAck(subscribe, channel);
        Set<String> symbolKeys = new LinkedHashSet<>();
        Set<Market> marketKeys = new LinkedHashSet<>();
        for (ClientMessage.Name n : msg.symbols()) {
            String raw = n.raw();
            Optional<Listing> listing = n.text() && raw.length() <= 24
                    ? hub.listing(raw.toUpperCase(Locale.ROOT)) : Optional.empty();
            if (listing.isEmpty()) {
                ack.reject(raw, "unknown symbol");
                continue;
            }
            String key = listing.get().symbol();
            if (subscribe && s.identity != null) {
                AccessDecision d = AccessPolicy.stream(s.identity, channel, listing.get().market());
                if (d.denied()) {
                    ack.reject(key, d.reason());
                    audit(s, AuditEvent.Category.ENTITLEMENT_DENIAL, key, channel, "denied", d.reason());
                    continue;
                }
            }
            if (!symbolKeys.add(key)) {
                continue;
            }
            if (subscribe && !s.subscriptions.contains(channel.name() + '|' + key)
                    && s.subscriptions.size() >= config.maxSubscriptions()) {
                ack.reject(key, "limit reached");
                symbolKeys.remove(key);
            } else if (!subscribe && !s.subscriptions.contains(channel.name() + '|' + key)) {
                ack.reject(key, "not subscribed");
                symbolKeys.remove(key);
            } else {
                ack.accept(key);
                if (subscribe) {
                    s.subscriptions.add(channel.name() + '|' + key);
                }
            }
        }
        if (msg.markets() != null) {
            ack.withMarkets();
            for (ClientMessage.Name n : msg.markets()) {
                String raw = n.raw();
                Optional<Market> market = n.text() ? Market.find(raw) : Optional.empty();
                if (market.isEmpty()) {
                    ack.reject(raw, "unknown market");
                } else if (!channel.allowsMarkets()) {
                    ack.reject(market.get().name(), "markets can be subscribed on status and news only");
                } else if (subscribe && !s.subscriptions.contains(channel.name() + '|' + market.get().name())
                        && s.subscriptions.size() >= config.maxSubscriptions()) {
                    ack.reject(market.get().name(), "limit reached");
                } else if (!subscribe && !s.subscriptions.contains(channel.name() + '|' + market.get().name())) {
                    ack.reject(market.get().name(), "not subscribed");
                } else if (marketKeys.add(market.get())) {
                    ack.acceptMarket(market.get().name());
                    if (subscribe) {
                        s.subscriptions.add(channel.name() + '|' + market.get().name());
                    }
                }
            }
        }
        // the ack goes out first (control messages precede data), then each snapshot and its updates
        s.send(ack.encode());
        if (subscribe && s.identity != null) {
            for (String key : symbolKeys) {
                audit(s, AuditEvent.Category.DATA_ACCESS, key, channel, "allowed", null);
            }
            for (Market m : marketKeys) {
                audit(s, AuditEvent.Category.DATA_ACCESS, null, channel, "allowed", "market " + m.name());
            }
        }
        for (String key : symbolKeys) {
            if (subscribe) {
                hub.subscribe(s.outbox, key, channel);
            } else {
                hub.unsubscribe(s.outbox, key, channel);
                s.subscriptions.remove(channel.name() + '|' + key);
            }
        }
        for (Market m : marketKeys) {
            if (subscribe) {
                hub.subscribeMarket(s.outbox, m, channel);
            } else {
                hub.unsubscribeMarket(s.outbox, m, channel);
                s.subscriptions.remove(channel.name() + '|' + m.name());
            }
        }
    }

    private void resume(ClientSession s, ClientMessage.Resume msg) {
        Channel channel = msg.channel();
        String symbol = msg.symbol();
        Optional<Listing> listing = symbol.length() <= 24
                ? hub.listing(symbol.toUpperCase(Locale.ROOT)) : Optional.empty();
        if (listing.isEmpty()) {
            error(s, "unknown_symbol", "Unknown symbol '" + ClientInput.echo(symbol) + "'.");
            return;
        }
        String key = listing.get().symbol();
        if (s.identity != null) {
            AccessDecision d = AccessPolicy.stream(s.identity, channel, listing.get().market());
            if (d.denied()) {
                audit(s, AuditEvent.Category.ENTITLEMENT_DENIAL, key, channel, "denied", d.reason());
                error(s, "not_entitled", "Cannot resume " + key + " on " + channel.wireName() + ": " + d.reason() + ".");
                return;
            }
        }
        String sub = channel.name() + '|' + key;
        if (!s.subscriptions.contains(sub) && s.subscriptions.size() >= config.maxSubscriptions()) {
            error(s, "limit_reached", "This connection already has " + config.maxSubscriptions() + " subscriptions.");
            return;
        }
        s.subscriptions.add(sub);
        long fromSeq = msg.fromSeq();
        // in services mode older frames may come from Redis first: the rest runs back on this connection's loop
        bus.resume(s.outbox, key, channel, fromSeq, s::onContext, r -> {
            // sent after the hub queued the replay, but control messages drain first: the client sees it before them
            s.send(ServerMessages.resumed(channel, key, fromSeq, r.replayed(), r.snapshot(), r.lastSeq()));
        });
    }

    private void audit(ClientSession s, AuditEvent.Category category, String symbol, Channel channel, String outcome, String detail) {
        audit.fire(new AuditEvent(clock.instant(), category, s.identity.subject(), "stream.subscribe", symbol, channel.wireName(),
                outcome, detail));
    }

    private void error(ClientSession s, String code, String message) {
        s.send(EventCodec.error(code, message));
        if (s.badMessage(config.badMessageWindow().toNanos())) {
            LOG.infof("closing stream connection %s: too many bad messages", s.connection.id());
            s.close(CloseCodes.ABUSE, "too many bad messages");
        }
    }

    /** False when the session was closed for want of (valid) authentication. */
    private boolean checkAuth(ClientSession s, long now, Instant wall, Duration warning) {
        if (s.identity == null) {
            if (now - s.authDeadlineNanos >= 0) {
                s.closeWith(EventCodec.error("unauthenticated", "No token within " + auth.wsAuthTimeout().toSeconds()
                        + " s: send an Authorization: Bearer header or {\"action\":\"auth\",\"token\":\"...\"} first."),
                        CloseCodes.UNAUTHENTICATED, "not authenticated");
                return false;
            }
            return true;
        }
        activeKeys.active(s.apiKeyId).onSuccess(active -> {
            if (!active) {
                s.onContext(() -> s.closeWith(EventCodec.error("key_revoked", "The API key of this connection was revoked."),
                        CloseCodes.KEY_REVOKED, "API key revoked"));
            }
        });
        if (s.tokenExpiresAt == null) {
            return true; // an API key: no expiry, only revocation (above)
        }
        if (!wall.isBefore(s.tokenExpiresAt)) {
            s.closeWith(EventCodec.error("token_expired", "The access token expired: reconnect with a new one."),
                    CloseCodes.TOKEN_EXPIRED, "token expired");
            return false;
        }
        if (!s.expiryWarned && !wall.plus(warning).isBefore(s.tokenExpiresAt)) {
            s.expiryWarned = true;
            s.send(ServerMessages.tokenExpiring(s.tokenExpiresAt, Duration.between(wall, s.tokenExpiresAt).toSeconds()));
        }
        return true;
    }

    private void check() {
        long now = System.nanoTime();
        long grace = config.slowConsumerGrace().toNanos();
        long timeout = config.heartbeatTimeout().toNanos();
        long ping = config.pingInterval().toNanos();
        Instant wall = clock.instant();
        Duration warning = auth.wsExpiryWarning();
        for (ClientSession s : sessions.values()) {
            s.onContext(() -> {
                if (s.isClosed()) {
                    return;
                }
                if (auth.enabled() && !checkAuth(s, now, wall, warning)) {
                    return;
                }
                if (s.outbox.laggingFor(now) > grace) {
                    LOG.infof("closing stream connection %s: slow consumer (%d dropped, %d conflated)",
                            s.connection.id(), s.outbox.droppedCount(), s.outbox.conflatedCount());
                    hub.counters().slowConsumerClosed();
                    s.close(CloseCodes.SLOW_CONSUMER, "slow consumer");
                } else if (now - s.lastSeenNanos > timeout) {
                    s.close(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");
                } else if (now - s.lastPingNanos >= ping) {
                    s.lastPingNanos = now;
                    s.connection.sendPing(io.vertx.core.buffer.Buffer.buffer("hb")).subscribe().with(v -> { }, t -> { });
                }
            });
        }
    }
}
