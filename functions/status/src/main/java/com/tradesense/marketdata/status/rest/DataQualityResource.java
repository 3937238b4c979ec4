package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.routing.ConflictLog;
import com.tradesense.marketdata.routing.ProviderHealth;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.QualityScore;
import com.tradesense.marketdata.routing.QualityWeights;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.domain.DataType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Data quality per provider and data type, live from the router in this process: latency and errors,
 * accuracy from sampled cross-checks against another provider, completeness against the calendar,
 * the weighted score and its weights, what the validator made of the bars, and the recent conflicts.
 * Says plainly what is not measured.
 */
@Path("/api/v1/data-quality")
@Tag(name = "Providers")
@Produces(MediaType.APPLICATION_JSON)
public class DataQualityResource {
    static final List<String> NOT_MEASURED = List.of(
            "accuracy: only ohlcv, from a sample of bar answers (mde.quality.cross-check-rate) checked against one other real provider",
            "completeness: only daily bars against the market calendar (illiquid listings legitimately lack intraday bars)"
                    + " and the profile fields and statement kinds of fundamentals",
            "bars an adapter refused one by one (non-positive or non-finite prices) are not counted yet");

    private final ProviderRegistry registry;
    private final RouterHealth health;
    private final ProviderRouter router;
    private final Clock clock;

    public DataQualityResource(ProviderRegistry registry, RouterHealth health, ProviderRouter router, Clock clock) {
        this.registry = registry;
        this.health = health;
        this.router = router;
        this.clock = clock;
    }

    /**
     * @param repairRate    validator repairs / bars received (null before any bar; ohlcv only)
     * @param dropRate      bars dropped / bars received
     * @param badResponses  answers refused whole as not having the vendor's documented shape (all data types)
     * @param calls         calls of this data type the latency part covers (its last 200)
     * @param latencyScore  (1 - errorRate) * min(1, 1000 / p99Ms)
     * @param accuracy      share of cross-checked figures that agreed with the other provider
     * @param completeness  items received / items expected
     * @param score         the weighted quality score, 0..1 (null while nothing is measured)
     */
    public record ProviderQualityJson(String provider, String dataType, long barAnswers, long barsReceived, long barsRepaired,
                                      long barsDropped, Double repairRate, Double dropRate, long badResponses, long calls,
                                      Double errorRate, Double p50Ms, Double p99Ms, Double latencyScore, Double accuracy,
                                      long comparisons, long disagreements, Double completeness, long expected, long missing,
                                      Double score) {
    }

    public record ReportJson(Instant asOf, String scope, QualityWeights weights, double tolerance, double crossCheckRate,
                             List<String> notMeasured, List<ProviderQualityJson> providers, long conflictsTotal,
                             List<ConflictLog.Conflict> recentConflicts) {
    }

    @GET
    @Path("report")
    @Operation(summary = "Data-quality report",
            description = "Per provider and data type, live in this process: latency (p50/p99, error rate, latency score), "
                    + "accuracy (agreement with another provider in sampled cross-checks), completeness (bars missing "
                    + "against the calendar), the quality score and its weights, what the validator repaired or dropped, "
                    + "and the recent conflicts between providers. `notMeasured` lists what the report does not cover.")
    public ReportJson report() {
        Map<String, Map<DataType, QualityScore>> scores = router.quality().all();
        List<ProviderQualityJson> rows = new ArrayList<>();
        for (Provider p : registry.all()) {
            ProviderHealth h = health.of(p.id());
            ProviderHealth.Quality q = h.quality();
            TreeSet<DataType> types = new TreeSet<>(p.capabilities().dataTypes());
            types.addAll(scores.getOrDefault(p.id(), Map.of()).keySet());
            for (DataType type : types) {
                QualityScore s = router.quality().score(p.id(), type);
                boolean bars = type == DataType.OHLCV;
                Double repair = !bars || q.barsReceived() == 0 ? null : (double) q.barsRepaired() / q.barsReceived();
                Double drop = !bars || q.barsReceived() == 0 ? null : (double) q.barsDropped() / q.barsReceived();
                rows.add(new ProviderQualityJson(p.id(), type.wireName(), bars ? q.barAnswers() : 0, bars ? q.barsReceived() : 0,
                        bars ? q.barsRepaired() : 0, bars ? q.barsDropped() : 0, repair, drop, q.badResponses(), s.calls(),
                        s.errorRate(), s.p50Ms(), s.p99Ms(), s.latency(), s.accuracy(), s.comparisons(), s.disagreements(),
                        s.completeness(), s.expected(), s.missing(), s.score()));
            }
        }
        return new ReportJson(clock.instant(), "process", router.settings().weights(), router.settings().tolerance(),
                router.settings().crossCheckRate(), NOT_MEASURED, rows, router.conflicts().total(), router.conflicts().recent());
    }
}
