package com.tradesense.marketdata.standalone;

import com.tradesense.marketdata.domain.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A constant small JSON answer: the same-run baseline the HTTP benchmarks (bench/) compare real
 * endpoints against, as BENCHMARKS.md asks. Off unless {@code MDE_BENCH_BASELINE=true}; then a 404.
 */
@Path("/api/v1/bench/constant")
public class BaselineResource {
    public record Constant(String market, String status) {
    }

    private static final Constant CONSTANT = new Constant("NYSE", "open");
    private final boolean enabled;

    public BaselineResource(@ConfigProperty(name = "mde.bench.baseline", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Constant constant() {
        if (!enabled) {
            throw new NotFoundException("path", "There is no resource at /api/v1/bench/constant. See /q/openapi for the API.");
        }
        return CONSTANT;
    }
}
