package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.aggregate.ProviderHealth;
import com.tradesense.marketdata.aggregate.RouterHealth;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Data quality as far as it is measured today: what the validator and the adapters made of each
 * provider's answers in this process. Says plainly what is not measured yet.
 */
@Path("/api/v1/data-quality")
@Tag(name = "Providers")
@Produces(MediaType.APPLICATION_JSON)
public class DataQualityResource {
    static final List<String> NOT_MEASURED = List.of(
            "accuracy: no cross-checks against other providers or consensus yet",
            "completeness: missing bars against the market calendar are not counted yet",
            "bars an adapter refused one by one (non-positive or non-finite prices) are not counted yet",
            "data types other than ohlcv");

    private final ProviderRegistry registry;
    private final RouterHealth health;
    private final Clock clock;

    public DataQualityResource(ProviderRegistry registry, RouterHealth health, Clock clock) {
        this.registry = registry;
        this.health = health;
        this.clock = clock;
    }

    /**
     * @param repairRate   validator repairs / bars received (null before any bar)
     * @param dropRate     bars dropped / bars received
     * @param badResponses answers refused whole as not having the vendor's documented shape
     * @param errorRate    provider errors among its recent calls (as in /providers/status)
     */
    public record ProviderQualityJson(String provider, String dataType, long barAnswers, long barsReceived, long barsRepaired,
                                      long barsDropped, Double repairRate, Double dropRate, long badResponses, long calls,
                                      Double errorRate) {
    }

    public record ReportJson(Instant asOf, String scope, List<String> notMeasured, List<ProviderQualityJson> providers) {
    }

    @GET
    @Path("report")
    @Operation(summary = "Data-quality report",
            description = "Per provider, since this process started: answers and bars received, bars the validator repaired or "
                    + "dropped, whole answers refused as malformed, and the recent error rate. `notMeasured` lists what the "
                    + "report does not cover yet.")
    public ReportJson report() {
        List<ProviderQualityJson> rows = registry.all().stream().map(Provider::id).map(id -> {
            ProviderHealth h = health.of(id);
            ProviderHealth.Quality q = h.quality();
            ProviderHealth.Snapshot s = h.snapshot();
            Double repair = q.barsReceived() == 0 ? null : (double) q.barsRepaired() / q.barsReceived();
            Double drop = q.barsReceived() == 0 ? null : (double) q.barsDropped() / q.barsReceived();
            return new ProviderQualityJson(id, "ohlcv", q.barAnswers(), q.barsReceived(), q.barsRepaired(), q.barsDropped(),
                    repair, drop, q.badResponses(), s.calls(), s.errorRate());
        }).toList();
        return new ReportJson(clock.instant(), "process", NOT_MEASURED, rows);
    }
}
