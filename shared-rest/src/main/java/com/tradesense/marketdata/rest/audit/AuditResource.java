package com.tradesense.marketdata.rest.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditPage;
import com.tradesense.marketdata.audit.AuditQuery;
import com.tradesense.marketdata.audit.AuditRecord;
import com.tradesense.marketdata.audit.Verification;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.QueryParameters;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit trail for administrators: filtered pages, newest first, and a re-walk of the hash chains. */
@Path("/api/v1/admin/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final int MAX_LIMIT = 1000;

    private final AuditLog log;

    public AuditResource(AuditLog log) {
        this.log = log;
    }

    public record EntryJson(String at, String category, String actor, String action, String symbol, String dataType, String outcome,
                            String detail, String writerId, long seq, String prevHash, String hash) {
        static EntryJson of(AuditRecord r) {
            AuditEvent e = r.event();
            return new EntryJson(e.at().toString(), e.category().name().toLowerCase(Locale.ROOT), e.actor(), e.action(), e.symbol(),
                    e.dataType(), e.outcome(), e.detail(), r.writerId(), r.seq(), r.prevHash(), r.hash());
        }
    }

    public record PageJson(String backend, List<EntryJson> entries, String next) {
    }

    public record BreakJson(String writerId, long seq, String reason) {
    }

    /** A chain checked from {@code fromSeq}: retention deleted the entries before, the first kept one links to {@code anchorHash}. */
    public record AnchorJson(String writerId, long fromSeq, String anchorHash) {
    }

    public record VerifyJson(String backend, boolean intact, long entriesChecked, Map<String, Long> lastSeqByWriter, BreakJson firstBreak,
                             List<AnchorJson> anchored) {
    }

    @GET
    @Blocking
    @Operation(summary = "Audit entries, newest first (admin role)",
            description = "Authentication events, admin actions, entitlement denials and data access. Filters combine with AND; "
                    + "follow `next` for the following page.")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "A filter or cursor that cannot be read")
    @APIResponse(responseCode = "401", description = "No authenticated caller")
    @APIResponse(responseCode = "403", description = "The caller lacks the admin role")
    public Response entries(@Context RoutingContext ctx,
                            @Parameter(description = "token subject, or `anonymous`") @QueryParam("actor") String actor,
                            @Parameter(description = "e.g. `data.ohlcv`, `auth.token`") @QueryParam("action") String action,
                            @Parameter(description = "authentication, admin, entitlement_denial, data_access") @QueryParam("category") String category,
                            @Parameter(description = "ISO instant or date, inclusive") @QueryParam("from") String from,
                            @Parameter(description = "ISO instant or date, exclusive") @QueryParam("to") String to,
                            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit,
                            @Parameter(description = "the `next` of the previous page") @QueryParam("next") String next) {
        Response refused = AdminAccess.refusal(ctx, "/api/v1/admin/audit");
        if (refused != null) {
            return refused;
        }
        AuditQuery q = new AuditQuery(blankToNull(actor), blankToNull(action), category(category), instant(from, "from"),
                instant(to, "to"), QueryParameters.limit(limit, "limit", MAX_LIMIT, 100), cursor(next));
        AuditPage page = available().query(q);
        return Response.ok(new PageJson(available().backend(), page.entries().stream().map(EntryJson::of).toList(),
                page.next() == null ? null : page.next().encode())).build();
    }

    @GET
    @Path("verify")
    @Blocking
    @Operation(summary = "Re-walk the hash chains (admin role)",
            description = "Checks every entry's sequence, previous hash and hash; reports the first broken link. A journal chain "
                    + "whose oldest segments retention deleted is checked from its oldest kept entry, which must link to the hash "
                    + "recorded when they were deleted; `anchored` lists those chains and where their check began.")
    @APIResponse(responseCode = "200", description = "`intact` true, or the first broken link")
    @APIResponse(responseCode = "401", description = "No authenticated caller")
    @APIResponse(responseCode = "403", description = "The caller lacks the admin role")
    public Response verify(@Context RoutingContext ctx) {
        Response refused = AdminAccess.refusal(ctx, "/api/v1/admin/audit/verify");
        if (refused != null) {
            return refused;
        }
        AuditStore store = available();
        Verification v = store.verify();
        Verification.Break b = v.firstBreak();
        return Response.ok(new VerifyJson(store.backend(), v.intact(), v.entriesChecked(), v.lastSeqByWriter(),
                b == null ? null : new BreakJson(b.writerId(), b.seq(), b.reason()),
                v.anchored().stream().map(a -> new AnchorJson(a.writerId(), a.firstSeq(), a.anchorHash())).toList())).build();
    }

    private AuditStore available() {
        AuditStore s = log.store();
        if (s == null) {
            throw new ServiceUnavailableException("The audit trail is off: MDE_AUDIT_ENABLED=false, or its journal directory (MDE_AUDIT_DIR) cannot be written.", Duration.ofMinutes(5));
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static AuditEvent.Category category(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return AuditEvent.Category.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("category", "category must be one of authentication, admin, entitlement_denial, data_access.");
        }
    }

    static Instant instant(String raw, String parameter) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() <= 40) {
            try {
                return raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant() : OffsetDateTime.parse(raw).toInstant();
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw new InvalidParameterException(parameter, parameter + " must be an ISO instant (2026-11-26T10:00:00Z) or a date (2026-11-26).");
    }

    private static AuditQuery.Cursor cursor(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            if (raw.length() > 400) {
                throw new IllegalArgumentException("too long");
            }
            return AuditQuery.Cursor.decode(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("next", "next must be the cursor of a previous page.");
        }
    }
}
