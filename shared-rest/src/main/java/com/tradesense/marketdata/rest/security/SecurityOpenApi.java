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
 * Documents authentication in the published OpenAPI: a {@code bearer} (JWT) scheme, required by every
 * {@code /api/v1} operation but the token, refresh and JWKS endpoints, each of which may answer 401, 403 and 429.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecurityOpenApi implements OASFilter {
    static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("Access token from POST /api/v1/auth/token (API key in X-API-Key or {\"apiKey\"}); ES256,"
                        + " 15 minutes; public keys at /.well-known/jwks.json."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> e : openAPI.getPaths().getPathItems().entrySet()) {
            if (!e.getKey().startsWith("/api/v1/") || AuthFilter.OPEN.contains(e.getKey())) {
                continue;
            }
            for (Operation op : e.getValue().getOperations().values()) {
                op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
                if (op.getResponses() == null) {
                    continue;
                }
                if (op.getResponses().getAPIResponse("401") == null) {
                    op.getResponses().addAPIResponse("401", problem("No access token, or an invalid or expired one, or one"
                            + " whose API key was revoked (WWW-Authenticate: Bearer)"));
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
