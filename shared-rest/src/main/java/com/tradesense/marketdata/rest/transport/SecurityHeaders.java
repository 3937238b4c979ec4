package com.tradesense.marketdata.rest.transport;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Security headers on every response of every route (API, problems, {@code /q/*}), set just before the
 * headers go out, and CORS for the origins configured.
 *
 * <p>{@code Strict-Transport-Security} is sent on every response, TLS or not: browsers ignore it over plain
 * HTTP (RFC 6797 section 8.1), and in the usual deployment TLS ends at the ingress, so the engine sees
 * HTTP while its clients use HTTPS and need the header. The Content-Security-Policy forbids everything
 * for the JSON API and allows the Swagger UI its own inline script and styles under {@code /q/}.
 */
@ApplicationScoped
public class SecurityHeaders {
    /** Before everything, so that even a request refused by a later filter carries the headers. */
    static final int ORDER = -3_000;
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
    private static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, X-API-Key";
    private static final String EXPOSED_HEADERS = "Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Location";

    private final String hsts;
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final String maxAge;

    public SecurityHeaders(TransportConfig config) {
        long hstsSeconds = config.hstsMaxAge().toSeconds();
        this.hsts = hstsSeconds > 0 ? "max-age=" + hstsSeconds + "; includeSubDomains" : null;
        List<String> list = config.corsOrigins().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.anyOrigin = list.contains("*");
        this.origins = list.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.maxAge = Long.toString(config.corsMaxAge().toSeconds());
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        boolean ui = path != null && path.startsWith("/q/");
        boolean auth = path != null && path.startsWith("/api/v1/auth");
        ctx.addHeadersEndHandler(v -> {
            MultiMap h = ctx.response().headers();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Content-Security-Policy", ui ? UI_CSP : API_CSP);
            if (hsts != null) {
                h.set("Strict-Transport-Security", hsts);
            }
            if (auth) {
                h.set("Cache-Control", "no-store");
                h.set("Pragma", "no-cache");
            }
        });
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && allowed(origin)) {
            HttpServerResponse r = ctx.response();
            r.putHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
            r.putHeader("Vary", "Origin");
            if (ctx.request().method() == HttpMethod.OPTIONS && ctx.request().getHeader("Access-Control-Request-Method") != null) {
                r.putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
                r.putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                r.putHeader("Access-Control-Max-Age", maxAge);
                r.setStatusCode(204).end();
                return;
            }
            r.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        ctx.next();
    }

    private boolean allowed(String origin) {
        if (anyOrigin) {
            return true;
        }
        // Header values with CR/LF never reach here (Vert.x rejects them); compare exactly, case-insensitively.
        return !origins.isEmpty() && origins.contains(origin.toLowerCase(Locale.ROOT));
    }
}
