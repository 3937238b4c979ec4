package com.tradesense.marketdata.rest.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.rest.Problem;
import com.tradesense.marketdata.rest.ProblemKind;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/auth}: API key for tokens, refresh-token rotation, revocation, and the public keys
 * (also at {@code /.well-known/jwks.json}). Served by every function.
 */
@Path("/")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final TokenService service;
    private final AccessTokens tokens;
    private final ObjectMapper json;

    public AuthResource(TokenService service, AccessTokens tokens, ObjectMapper json) {
        this.service = service;
        this.tokens = tokens;
        this.json = json;
    }

    /**
     * A field of a small JSON object body. The body is read as text so that any content type (or none, with the
     * key in a header) is accepted; anything but a JSON object is a 400 problem.
     */
    private String field(String body, String name) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception e) {
            throw new InvalidParameterException("body", "The body is not JSON: send {\"" + name + "\":\"...\"}.");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidParameterException("body", "The body is a JSON object: {\"" + name + "\":\"...\"}.");
        }
        JsonNode v = node.get(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    @POST
    @Path("api/v1/auth/token")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Exchange an API key for tokens",
            description = "Client credentials: the API key in the JSON body (`{\"apiKey\":\"...\"}`) or in the `X-API-Key` header."
                    + " Answers a short-lived access token (JWT, ES256, `Authorization: Bearer` on every other call) and an"
                    + " opaque refresh token (one use: POST it to /api/v1/auth/refresh).")
    @APIResponse(responseCode = "200", description = "Tokens", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TokenService.Tokens.class), examples = @ExampleObject(name = "tokens", value = """
                    {"accessToken":"eyJhbGciOiJFUzI1NiIsImtpZCI6...","tokenType":"Bearer","expiresIn":900,
                     "refreshToken":"mdr_3q2...","refreshExpiresIn":86400,"plan":"pro","groups":["realtime-cse"]}""")))
    @APIResponse(responseCode = "401", description = "Unknown or revoked API key", content = @Content(mediaType = "application/problem+json"))
    public Response token(@HeaderParam("X-API-Key") String header, String body) {
        String fromBody = field(body, "apiKey");
        String key = fromBody != null ? fromBody : header;
        try {
            return Response.ok(service.exchange(key)).build();
        } catch (TokenService.Refused e) {
            return unauthorized(e.getMessage(), "/api/v1/auth/token");
        }
    }

    @POST
    @Path("api/v1/auth/refresh")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Rotate a refresh token",
            description = "`{\"refreshToken\":\"...\"}`: answers a new access token and a new refresh token; the one sent is used up."
                    + " Sending a used refresh token again revokes every token of its family (someone else holds a copy) and answers 401.")
    @APIResponse(responseCode = "200", description = "Tokens", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TokenService.Tokens.class)))
    @APIResponse(responseCode = "401", description = "Unknown, used, revoked or expired refresh token", content = @Content(mediaType = "application/problem+json"))
    public Response refresh(String body) {
        try {
            return Response.ok(service.refresh(field(body, "refreshToken"))).build();
        } catch (TokenService.Refused e) {
            return unauthorized(e.getMessage(), "/api/v1/auth/refresh");
        }
    }

    @POST
    @Path("api/v1/auth/revoke")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Revoke a refresh token",
            description = "`{\"refreshToken\":\"...\"}` with an access token of the same client (or an admin's): the token's whole"
                    + " family is revoked. Answers 204 whether or not there was anything to revoke (RFC 7009). Access tokens"
                    + " already issued stay valid until they expire (at most `mde.auth.access-token-ttl`).")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "401", description = "No or invalid access token", content = @Content(mediaType = "application/problem+json"))
    public Response revoke(String body, RoutingContext ctx) {
        ClientIdentity caller = ctx == null ? null : ctx.get(ClientIdentity.ROUTING_CONTEXT_KEY);
        service.revoke(field(body, "refreshToken"), caller);
        return Response.noContent().build();
    }

    @GET
    @Path("api/v1/auth/jwks")
    @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "Public keys that verify access tokens (JWK Set)",
            description = "Every key that may have signed a token still valid; select by the token's `kid`. Also at /.well-known/jwks.json.")
    @APIResponse(responseCode = "200", description = "JWK Set", content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "jwks", value = """
            {"keys":[{"kty":"EC","kid":"gen-1764170000-4f2a9c1b7d3e","use":"sig","alg":"ES256","crv":"P-256","x":"...","y":"..."}]}""")))
    public Response jwks() {
        return Response.ok(tokens.jwks(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path(".well-known/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys that verify access tokens (JWK Set), at the well-known address")
    public Response wellKnownJwks() {
        return jwks();
    }

    static Response unauthorized(String detail, String instance) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"market-data\"")
                .entity(ProblemKind.UNAUTHORIZED.problem(detail, instance, null)).build();
    }
}
