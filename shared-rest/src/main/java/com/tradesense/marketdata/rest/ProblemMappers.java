package com.tradesense.marketdata.rest;

import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * Turns every exception that reaches a resource's edge into an RFC 9457 problem: domain errors into
 * their status, framework errors (unknown route, wrong method, media type, unreadable body) into
 * theirs, and anything unexpected into a 500 that shows an incident id instead of a stack trace.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return respond(ProblemKind.INVALID_PARAMETER.problem(e.getMessage(), path(uri), e.parameter()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(ProblemKind.NOT_FOUND.problem(e.getMessage(), path(uri), e.parameter()));
    }

    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailableException e, UriInfo uri) {
        return Response.status(503)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .type(Problem.MEDIA_TYPE)
                .entity(ProblemKind.UNAVAILABLE.problem(e.getMessage(), path(uri), null))
                .build();
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        ProblemKind kind = ProblemKind.forStatus(status);
        if (kind == ProblemKind.INTERNAL) {
            return unexpected(e, uri);
        }
        String detail = switch (kind) {
            case NOT_FOUND -> "There is no resource at " + path(uri) + ". See /q/openapi for the API.";
            case METHOD_NOT_ALLOWED -> "This resource does not support that method.";
            case UNSUPPORTED_MEDIA_TYPE -> "This resource does not accept that Content-Type.";
            case NOT_ACCEPTABLE -> "This resource answers application/json; adjust the Accept header.";
            default -> "The request could not be read.";
        };
        Response.ResponseBuilder b = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(kind.problem(detail, path(uri), null));
        if (e instanceof NotAllowedException) {
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                b.header(HttpHeaders.ALLOW, allow);
            }
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s on %s", incident, path(uri));
        return respond(ProblemKind.INTERNAL.problem(
                "Something went wrong on our side. Quote incident " + incident + " if you report it.", path(uri), null));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
