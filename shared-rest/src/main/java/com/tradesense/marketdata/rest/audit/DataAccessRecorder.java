package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.audit.AuditEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Records a {@code DATA_ACCESS} audit entry for every answered request to the data endpoints
 * ({@code /api/v1/market-data/**}, {@code /api/v1/economic-indicators/**}, {@code /api/v1/news}): who (the
 * {@link ClientIdentity} the auth filter put in the routing context, else "anonymous"), which data type
 * and symbol (from the path; for news the {@code symbol} query parameter), when, and the outcome from
 * the status. The entry is written when the response has ended, so it costs the request nothing.
 */
@ApplicationScoped
public class DataAccessRecorder {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DataAccessRecorder.class);
    /** Early, so that even requests rejected by later filters (auth, rate limits) are recorded. */
    static final int ORDER = -2_000;
    private static final String DATA = "/api/v1/market-data/";
    private static final String INDICATORS = "/api/v1/economic-indicators";
    private static final String NEWS = "/api/v1/news";

    private final Event<AuditEvent> events;
    private final Clock clock;

    public DataAccessRecorder(Event<AuditEvent> events) {
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && (path.startsWith(DATA) || path.startsWith(INDICATORS) || path.startsWith(NEWS))) {
            ctx.addEndHandler(x -> {
                try {
                    record(ctx, path);
                } catch (RuntimeException e) {
                    // The answer is already sent; a hostile query string must not fail the connection.
                    LOG.warnf("audit: data access on %s not recorded: %s", ctx.normalizedPath(), e.getMessage());
                }
            });
        }
        ctx.next();
    }

    private void record(RoutingContext ctx, String path) {
        String dataType;
        String symbol;
        if (path.startsWith(DATA)) {
            String rest = path.substring(DATA.length());
            int slash = rest.indexOf('/');
            dataType = slash < 0 ? rest : rest.substring(0, slash);
            symbol = slash < 0 ? null : decode(rest.substring(slash + 1));
        } else if (path.startsWith(INDICATORS)) {
            dataType = "economic-indicators";
            String rest = path.substring(INDICATORS.length());
            symbol = rest.length() > 1 ? decode(rest.substring(1)) : null;
        } else {
            dataType = "news";
            symbol = ctx.request().getParam("symbol");
        }
        Object who = ctx.get(ClientIdentity.ROUTING_CONTEXT_KEY);
        String actor = who instanceof ClientIdentity id ? id.subject() : "anonymous";
        int status = ctx.response().getStatusCode();
        events.fire(new AuditEvent(clock.instant(), AuditEvent.Category.DATA_ACCESS, actor, "data." + dataType,
                symbol == null || symbol.isEmpty() ? null : symbol, dataType, outcome(status),
                ctx.request().method().name() + " " + status));
    }

    /** allowed (2xx/3xx), denied (401, 403), rate_limited (429), rejected (other 4xx), failed (5xx). */
    static String outcome(int status) {
        if (status < 400) {
            return "allowed";
        }
        return switch (status) {
            case 401, 403 -> "denied";
            case 429 -> "rate_limited";
            default -> status < 500 ? "rejected" : "failed";
        };
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
