package com.tradesense.marketdata.rest.security;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.List;
import java.util.Map;

/**
 * Documents authentication in the published OpenAPI: three schemes, any one of which every {@code /api/v1}
 * operation but the token, refresh and JWKS endpoints accepts (each may answer 400 for two different credentials,
 * 401, 403 and 429): {@code bearer} (an access token, or the API key itself), {@code apiKeyHeader}
 * ({@code X-API-Key}) and {@code apiKeyQuery} ({@code ?apiKey=}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecurityOpenApi implements OASFilter {
    static final String SCHEME = "bearer";
    static final String API_KEY_HEADER = "apiKeyHeader";
    static final String API_KEY_QUERY = "apiKeyQuery";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT or API key")
                .description("An access token from POST /api/v1/auth/token (API key in X-API-Key or {\"apiKey\"}; ES256,"
                        + " 15 minutes; public keys at /.well-known/jwks.json), or the API key itself (`mde_...`): a value with"
                        + " three dot-separated segments is read as a JWT, anything else as a key. Same plan and"
                        + " entitlements either way; browsers and mobile apps should exchange the key for tokens."));
        openAPI.getComponents().addSecurityScheme(API_KEY_HEADER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(Credential.API_KEY_HEADER)
                .description("The API key itself, as for Polygon and Twelve Data clients. One credential per request:"
                        + " with a different one in another place the request is refused (400 invalid_request)."));
        openAPI.getComponents().addSecurityScheme(API_KEY_QUERY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.QUERY).name(Credential.API_KEY_PARAM)
                .description("The API key as a query parameter (masked in logs). Prefer the header: URLs end up in"
                        + " browser histories and proxies."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> e : openAPI.getPaths().getPathItems().entrySet()) {
            if (!e.getKey().startsWith("/api/v1/") || AuthFilter.OPEN.contains(e.getKey())) {
                continue;
            }
            for (Operation op : e.getValue().getOperations().values()) {
                // alternatives: any one of them authenticates
                op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME),
                        OASFactory.createSecurityRequirement().addScheme(API_KEY_HEADER),
                        OASFactory.createSecurityRequirement().addScheme(API_KEY_QUERY)));
                if (op.getResponses() == null) {
                    continue;
                }
                if (op.getResponses().getAPIResponse("401") == null) {
                    op.getResponses().addAPIResponse("401", problem("No credential, an invalid or expired access token, an"
                            + " unknown API key, or a revoked one (also behind a token) (WWW-Authenticate: Bearer)"));
                }
                if (op.getResponses().getAPIResponse("400") == null) {
                    op.getResponses().addAPIResponse("400", problem("Two different credentials in one request (say X-API-Key"
                            + " and ?apiKey=): refused rather than choosing one (WWW-Authenticate: Bearer error=\"invalid_request\")"));
                }
                if (op.getResponses().getAPIResponse("429") == null) {
                    op.getResponses().addAPIResponse("429", problem("Rate limited; also after too many failed authentications"
                            + " from one address (mde.auth.failed-auth-limit), with Retry-After"));
                }
                if (op.getResponses().getAPIResponse("403") == null) {
                    op.getResponses().addAPIResponse("403", problem("The plan lacks an entitlement this call needs; the"
                            + " problem's detail names it (e.g. 'not entitled: tick history (pro plan)', 'not entitled: admin role')"));
                }
            }
        }
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)))));
    }
}
