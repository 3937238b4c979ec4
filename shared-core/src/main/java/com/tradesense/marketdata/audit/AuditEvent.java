package com.tradesense.marketdata.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail: who ({@code actor}, a token subject or "anonymous"), did what
 * ({@code action}, e.g. {@code auth.token}, {@code admin.cache.invalidate}, {@code data.ohlcv},
 * {@code stream.subscribe}), on which {@code symbol} and {@code dataType} where there is one, with which
 * {@code outcome} ({@code allowed}, {@code denied}, {@code failed}, ...).
 *
 * <p>Producers fire it as a CDI event ({@code Event<AuditEvent>}); the audit log observes it and makes it
 * durable. Producers never wait for the database.
 */
public record AuditEvent(Instant at, Category category, String actor, String action, String symbol, String dataType,
                         String outcome, String detail) {

    /** What kind of event, so that a reviewer can filter the trail. */
    public enum Category { AUTHENTICATION, ADMIN, ENTITLEMENT_DENIAL, DATA_ACCESS }

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
