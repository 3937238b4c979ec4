package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.LayerStatistics;
import com.tradesense.marketdata.cache.LayeredBarCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Locale;

/**
 * Always UP (with a store down, requests are served by the other layers or the provider), but names
 * each bar cache layer and whether it is degraded: {@code layers: "redis,postgres"},
 * {@code redis: "up"|"degraded"}, {@code degraded: true} while any is. Reads the layers' state only;
 * the probe in {@link CacheBeans} is what notices a store coming back.
 */
@Readiness
@ApplicationScoped
public class CacheReadiness implements HealthCheck {
    private final LayeredBarCache cache;

    public CacheReadiness(LayeredBarCache cache) {
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("cache").up();
        boolean degraded = false;
        StringBuilder names = new StringBuilder();
        for (LayerStatistics s : cache.counters().values()) {
            names.append(names.length() == 0 ? "" : ",").append(s.layer());
            b.withData(s.layer(), s.degraded() ? "degraded" : "up");
            if (s.degraded()) {
                degraded = true;
                if (s.lastError() != null) {
                    b.withData(s.layer() + "LastError", s.lastError());
                }
            }
        }
        b.withData("layers", names.length() == 0 ? "none" : names.toString().toLowerCase(Locale.ROOT));
        b.withData("degraded", degraded);
        return b.build();
    }
}
