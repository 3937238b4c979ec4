package com.tradesense.marketdata.access;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as established from a verified access token: the API key's owner ({@code subject}),
 * the plan it pays for and the roles it holds. Every edge (REST filter, WebSocket session) carries one
 * for an authenticated caller; the HTTP edge stores it in the routing context under
 * {@link #ROUTING_CONTEXT_KEY} so later filters (rate limits, audit) read the same identity.
 */
public record ClientIdentity(String subject, String plan, Set<String> roles) {
    public static final String ROUTING_CONTEXT_KEY = "mde.client";

    public ClientIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(plan, "plan");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
