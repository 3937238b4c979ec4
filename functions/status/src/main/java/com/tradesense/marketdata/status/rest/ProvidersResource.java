package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.ProviderStatusReport;
import com.tradesense.marketdata.routing.QualityWeights;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.vendor.VendorProviders;
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
    private final ProviderRouter router;
    private final Clock clock;
    private final Settings settings;

    public ProvidersResource(ProviderRegistry registry, RouterHealth health, ProviderQuotas quotas, ProviderRouter router, Clock clock,
                             Settings settings) {
        this.settings = settings;
        this.registry = registry;
        this.health = health;
        this.quotas = quotas;
        this.router = router;
        this.clock = clock;
    }

    /**
     * @param scope          figures are this process's own (each pod routes and measures for itself)
     * @param circuitBreaker the breaker's settings: consecutive provider errors that open it, and for how long
     * @param qualityWeights the weights of the quality score's parts
     * @param qualityFloor   score (0..1) under which a provider is asked only after the acceptable ones
     */
    public record ProvidersStatusJson(Instant asOf, String scope, String qualityFormula, CircuitSettings circuitBreaker,
                                      QualityWeights qualityWeights, double qualityFloor, List<ProviderStatusReport.Entry> providers) {
    }

    public record CircuitSettings(int failureThreshold, long openForMs) {
    }

    @GET
    @Path("status")
    @Operation(summary = "Provider status",
            description = "Each provider, configured or not: state (up, degraded, down, disabled), circuit state, latency p50/p99 "
                    + "and error rate over its recent calls, last success, rate limit, data types and markets, whether its "
                    + "credentials are configured (never the credentials); per data type the quality score and its parts "
                    + "(`quality`), spend today and price per call, retries and bulkhead rejections. Figures are this "
                    + "process's own. The quality score is " + ProviderStatusReport.QUALITY_FORMULA + ".")
    @APIResponse(responseCode = "200", description = "Status of every provider", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "Simulator only", value = """
                    {"asOf":"2026-06-01T12:00:00Z","scope":"process","qualityFormula":"100 * (1 - errorRate) * min(1, 1000 / p99Ms) ...",
                     "circuitBreaker":{"failureThreshold":3,"openForMs":5000},
                     "providers":[{"id":"simulator","state":"up","enabled":true,"simulated":true,"credentialsRequired":false,
                       "credentialsConfigured":false,"priority":1,"circuit":"closed","p50Ms":0.4,"p99Ms":3.1,"errorRate":0.0,
                       "window":12,"calls":12,"lastSuccess":"2026-06-01T11:59:58Z","qualityScore":100.0,
                       "quality":{"ohlcv":{"latency":1.0,"accuracy":null,"completeness":1.0,"score":1.0,"calls":12}},
                       "spendTodayUsd":0.0,"usdPerCall":0.0,"retries":0,"bulkheadRejections":0,
                       "rateLimit":{"limit":null,"usage":null,"pausedByVendor":false},"dataTypes":["ohlcv"],"markets":["NYSE"]},
                      {"id":"polygon","state":"disabled","enabled":false,"credentialsRequired":true,"credentialsConfigured":false}]}""")))
    public ProvidersStatusJson status() {
        return new ProvidersStatusJson(clock.instant(), "process", ProviderStatusReport.QUALITY_FORMULA,
                new CircuitSettings(health.failureThreshold(), health.openFor().toMillis()),
                router.settings().weights(), router.settings().qualityFloor(),
                ProviderStatusReport.build(registry, health, quotas, VendorProviders.catalogue(settings), router));
    }
}
