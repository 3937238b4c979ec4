package com.tradesense.marketdata.bench.baseline;

import com.tradesense.marketdata.domain.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Same-run baselines the HTTP benchmarks (bench/) compare real endpoints against, as BENCHMARKS.md
 * asks: a constant small JSON answer, and the naive way to serve a year of daily bars (252 bars
 * serialized by Jackson on every request). Off unless {@code MDE_BENCH_BASELINE=true}; then 404s.
 */
@Path("/api/v1/bench")
public class BaselineResource {
    public record Constant(String market, String status) {
    }

    public record NaiveBar(long t, double o, double h, double l, double c, long v) {
    }

    public record NaiveBars(String symbol, String interval, List<NaiveBar> bars) {
    }

    private static final Constant CONSTANT = new Constant("NYSE", "open");
    private static final NaiveBars BARS = new NaiveBars("AAPL", "1d", IntStream.range(0, 252)
            .mapToObj(i -> new NaiveBar(1_704_205_800_000L + i * 86_400_000L, 185.12 + i * 0.1, 186.4 + i * 0.1,
                    184.02 + i * 0.1, 185.9 + i * 0.1, 41_230_000L + i))
            .toList());
    private final boolean enabled;

    public BaselineResource(@ConfigProperty(name = "mde.bench.baseline", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @GET
    @Path("constant")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Constant constant() {
        requireEnabled("constant");
        return CONSTANT;
    }

    @GET
    @Path("naive-bars")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public NaiveBars naiveBars() {
        requireEnabled("naive-bars");
        return BARS;
    }

    private void requireEnabled(String path) {
        if (!enabled) {
            throw new NotFoundException("path", "There is no resource at /api/v1/bench/" + path + ". See /q/openapi for the API.");
        }
    }
}
