package com.tradesense.marketdata.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Problems for what never reaches a JAX-RS resource: paths no route serves and failures inside
 * Vert.x. Without this, Vert.x answers those with its own HTML or plain-text pages.
 */
@ApplicationScoped
public class FallbackRoutes {
    private static final Logger LOG = Logger.getLogger(FallbackRoutes.class);
    /** After every other route, including Quarkus's own /q endpoints. */
    private static final int LAST = Integer.MAX_VALUE - 10;

    private final ObjectMapper json;

    public FallbackRoutes(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(LAST).handler(ctx -> send(ctx, ProblemKind.NOT_FOUND,
                "There is no resource at " + ctx.normalizedPath() + ". See /q/openapi for the API."));
        router.errorHandler(404, ctx -> send(ctx, ProblemKind.NOT_FOUND,
                "There is no resource at " + ctx.normalizedPath() + ". See /q/openapi for the API."));
        router.errorHandler(405, ctx -> send(ctx, ProblemKind.METHOD_NOT_ALLOWED, "This resource does not support that method."));
        router.errorHandler(413, ctx -> send(ctx, ProblemKind.PAYLOAD_TOO_LARGE, "The request body is too large."));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() != null) {
                LOG.errorf(ctx.failure(), "unhandled failure on %s", ctx.normalizedPath());
            }
            send(ctx, ProblemKind.INTERNAL, "Something went wrong on our side.");
        });
    }

    private void send(RoutingContext ctx, ProblemKind kind, String detail) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        try {
            byte[] body = json.writeValueAsBytes(kind.problem(detail, ctx.request().path(), null));
            ctx.response().setStatusCode(kind.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(kind.status()).end();
        }
    }
}
