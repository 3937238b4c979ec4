package com.tradesense.marketdata.rest.ratelimit;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Map;

/**
 * Documents the inbound limits in the published OpenAPI: every {@code /api/v1} operation may answer 429
 * (problem details, {@code Retry-After}), and every response carries the {@code RateLimit-*} headers.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RateLimitOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> e : openAPI.getPaths().getPathItems().entrySet()) {
            if (!e.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Operation op : e.getValue().getOperations().values()) {
                if (op.getResponses() == null) {
                    continue;
                }
                if (op.getResponses().getAPIResponses() != null) {
                    op.getResponses().getAPIResponses().values().forEach(RateLimitOpenApi::addHeaders);
                }
                if (op.getResponses().getAPIResponse("429") == null) {
                    APIResponse tooMany = OASFactory.createAPIResponse()
                            .description("Rate limit reached (per client, per client and symbol, or per market): a problem"
                                    + " with Retry-After (seconds)")
                            .content(OASFactory.createContent().addMediaType("application/problem+json",
                                    OASFactory.createMediaType().schema(OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT)))));
                    tooMany.addHeader("Retry-After", header("Seconds until the request would be accepted"));
                    addHeaders(tooMany);
                    op.getResponses().addAPIResponse("429", tooMany);
                }
            }
        }
    }

    private static void addHeaders(APIResponse r) {
        if (r.getHeaders() == null || !r.getHeaders().containsKey("RateLimit-Limit")) {
            r.addHeader("RateLimit-Limit", header("Capacity of the tightest limit that applies (requests)"));
            r.addHeader("RateLimit-Remaining", header("Requests left in it right now"));
            r.addHeader("RateLimit-Reset", header("Seconds until it is whole again"));
        }
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)));
    }
}
