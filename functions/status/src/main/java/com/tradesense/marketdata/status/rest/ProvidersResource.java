package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.aggregate.ProviderStatusReport;
import com.tradesense.marketdata.aggregate.RouterHealth;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Provider status: what the router knows about each provider, in this process, now. */
@Path("/api/v1/providers")
@Tag(name = "Providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {
    private final ProviderRegistry registry;
    private final RouterHealth health;
    private final ProviderQuotas quotas;
    private final Clock clock;

    public ProvidersResource(ProviderRegistry registry, RouterHealth health, ProviderQuotas quotas, Clock clock) {
        this.registry = registry;
        this.health = health;
        this.quotas = quotas;
        this.clock = clock;
    }

    /**
     * @param scope          figures are this process's own (each pod routes and measures for itself)
     * @param circuitBreaker the breaker's settings: consecutive provider errors that open it, and for how long
     */
    public record ProvidersStatusJson(Instant asOf, String scope, String qualityFormula, CircuitSettings circuitBreaker,
                                      List<ProviderStatusReport.Entry> providers) {
    }

    public record CircuitSettings(int failureThreshold, long openForMs) {
    }

    @GET
    @Path("status")
    @Operation(summary = "Provider status",
            description = "Each provider, configured or not: state (up, degraded, down, disabled), circuit state, latency p50/p99 "
                    + "and error rate over its recent calls, last success, rate limit, data types and markets, whether its "
                    + "credentials are configured (never the credentials). Figures are this process's own. The quality score is "
                    + ProviderStatusReport.QUALITY_FORMULA + ".")
    @APIResponse(responseCode = "200", description = "Status of every provider", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "Simulator only", value = """
                    {"asOf":"2026-06-01T12:00:00Z","scope":"process","qualityFormula":"100 * (1 - errorRate) * min(1, 1000 / p99Ms) ...",
                     "circuitBreaker":{"failureThreshold":3,"openForMs":5000},
                     "providers":[{"id":"simulator","state":"up","enabled":true,"simulated":true,"credentialsRequired":false,
                       "credentialsConfigured":false,"priority":1,"circuit":"closed","p50Ms":0.4,"p99Ms":3.1,"errorRate":0.0,
                       "window":12,"calls":12,"lastSuccess":"2026-06-01T11:59:58Z","qualityScore":100.0,
                       "rateLimit":{"limit":null,"usage":null,"pausedByVendor":false},"dataTypes":["ohlcv"],"markets":["NYSE"]},
                      {"id":"polygon","state":"disabled","enabled":false,"credentialsRequired":true,"credentialsConfigured":false}]}""")))
    public ProvidersStatusJson status() {
        return new ProvidersStatusJson(clock.instant(), "process", ProviderStatusReport.QUALITY_FORMULA,
                new CircuitSettings(health.failureThreshold(), health.openFor().toMillis()),
                ProviderStatusReport.build(registry, health, quotas, System.getenv()));
    }
}
