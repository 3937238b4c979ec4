package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.access.Plans;
import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.NotFoundException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /api/v1/admin/api-keys}: create, list and revoke API keys (admin role, checked by {@link AuthFilter}). */
@Path("/api/v1/admin/api-keys")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private final TokenService service;

    public ApiKeysResource(TokenService service) {
        this.service = service;
    }

    public record CreateRequest(String owner, String plan, List<String> roles) {
    }

    public record KeyJson(String id, String owner, String plan, List<String> roles, Instant createdAt, Instant revokedAt) {
        static KeyJson of(AuthStore.ApiKey k) {
            return new KeyJson(k.id(), k.owner(), k.plan(), k.roles().stream().sorted().toList(), k.createdAt(), k.revokedAt());
        }
    }

    public record CreatedJson(String id, String apiKey, String owner, String plan, List<String> roles, Instant createdAt) {
    }

    public record KeysJson(List<KeyJson> keys) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Create an API key (admin)",
            description = "`{\"owner\":\"acme-desk\",\"plan\":\"pro\",\"roles\":[\"realtime-cse\"]}`. Plans: free, pro, enterprise;"
                    + " roles: admin, realtime-cse. The key is in this answer only: it is stored as a SHA-256 hash.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "created", value = """
            {"id":"key_3f9a1c2b4d5e","apiKey":"mde_Jx2...","owner":"acme-desk","plan":"pro","roles":["realtime-cse"],"createdAt":"2026-11-26T17:00:00Z"}""")))
    @APIResponse(responseCode = "400", description = "Bad owner, plan or role", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = "application/problem+json"))
    public Response create(CreateRequest body, RoutingContext ctx) {
        if (body == null || body.owner() == null || !OWNER.matcher(body.owner()).matches()) {
            throw new InvalidParameterException("owner", "'owner' is 1 to 64 letters, digits or . _ @ -"
                    + (body == null || body.owner() == null ? "." : ", not '" + ClientInput.echo(body.owner()) + "'."));
        }
        String plan = Plans.find(body.plan()).orElseThrow(() -> new InvalidParameterException("plan",
                "'plan' is free, pro or enterprise" + (body.plan() == null ? "." : ", not '" + ClientInput.echo(body.plan()) + "'.")));
        Set<String> roles = new LinkedHashSet<>();
        for (String r : body.roles() == null ? List.<String>of() : body.roles()) {
            if (r == null || !Plans.GRANTABLE.contains(r)) {
                throw new InvalidParameterException("roles", "roles are admin or realtime-cse, not '" + ClientInput.echo(String.valueOf(r)) + "'.");
            }
            roles.add(r);
        }
        ClientIdentity admin = ctx.get(ClientIdentity.ROUTING_CONTEXT_KEY);
        TokenService.CreatedKey created = service.createKey(body.owner(), plan, roles,
                admin == null ? new ClientIdentity("anonymous", Plans.FREE, Set.of()) : admin);
        AuthStore.ApiKey k = created.key();
        return Response.status(201).entity(new CreatedJson(k.id(), created.secret(), k.owner(), k.plan(),
                k.roles().stream().sorted().toList(), k.createdAt())).build();
    }

    @GET
    @Blocking
    @Operation(summary = "List API keys (admin)", description = "Ids, owners, plans and roles; never the keys themselves.")
    public KeysJson list() {
        return new KeysJson(service.keys().stream().map(KeyJson::of).toList());
    }

    @DELETE
    @Path("{id}")
    @Blocking
    @Operation(summary = "Revoke an API key (admin)", description = "Its refresh tokens are revoked with it, its access tokens are refused from the next call on"
                    + " (within mde.auth.key-check-ttl, 5 s, in other processes) and its open streams are closed with 4005.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No active key with this id", content = @Content(mediaType = "application/problem+json"))
    public Response revoke(@PathParam("id") String id, RoutingContext ctx) {
        ClientIdentity admin = ctx.get(ClientIdentity.ROUTING_CONTEXT_KEY);
        if (!service.revokeKey(id, admin == null ? new ClientIdentity("anonymous", Plans.FREE, Set.of()) : admin)) {
            throw new NotFoundException("id", "No active API key '" + ClientInput.echo(id) + "'.");
        }
        return Response.noContent().build();
    }
}
