package com.tradesense.marketdata.rest.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.rest.Problem;
import com.tradesense.marketdata.rest.ProblemKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Requests Vert.x itself refuses before any resource sees them (no Host header, a path it cannot decode,
 * ...) fail the routing context with a 4xx. Without this, Quarkus's default failure handler answers them
 * with its own JSON naming the Vert.x exception (and, in dev and test mode, its stack). This failure
 * handler runs first and answers with a problem instead. Authentication (401, 403, 407) and rate-limit
 * (429) failures are left to the handlers that own them.
 */
@ApplicationScoped
public class RequestFailureProblems {
    private final ObjectMapper json;

    public RequestFailureProblems(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(SecurityHeaders.ORDER - 1).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400 || status >= 500 || status == 401 || status == 403 || status == 407 || status == 429
                || ctx.response().ended()) {
            ctx.next();
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        ProblemKind kind = ProblemKind.forStatus(status);
        String detail = switch (status) {
            case 404 -> "There is no resource at this path. See /q/openapi for the API.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request target is too long.";
            case 431 -> "The request headers are too large.";
            default -> "The request could not be read.";
        };
        String path;
        try {
            path = ctx.request().path();
        } catch (RuntimeException e) {
            path = null;
        }
        try {
            byte[] body = json.writeValueAsBytes(new Problem(kind.problem(detail, null, null).type(), kind.problem(detail, null, null).title(),
                    status, detail, path != null && path.length() <= 512 ? path : null, null));
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(Buffer.buffer(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
