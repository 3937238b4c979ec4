package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.rest.Problem;
import com.tradesense.marketdata.rest.ProblemKind;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/**
 * The admin gate of the audit endpoints: the caller's {@link ClientIdentity} (put in the routing context
 * by the authentication filter) must hold the {@code admin} role. No identity: 401; another role: 403.
 */
final class AdminAccess {
    static final String ROLE = "admin";

    private AdminAccess() {
    }

    /** Null when the caller is an admin, else the problem to answer with. */
    static Response refusal(RoutingContext ctx, String path) {
        Object who = ctx == null ? null : ctx.get(ClientIdentity.ROUTING_CONTEXT_KEY);
        if (!(who instanceof ClientIdentity id)) {
            return problem(ProblemKind.UNAUTHORIZED.problem("The audit trail needs an authenticated caller with the admin role.", path, null));
        }
        if (!id.hasRole(ROLE)) {
            return problem(ProblemKind.FORBIDDEN.problem("The audit trail is for callers with the admin role.", path, null));
        }
        return null;
    }

    private static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
