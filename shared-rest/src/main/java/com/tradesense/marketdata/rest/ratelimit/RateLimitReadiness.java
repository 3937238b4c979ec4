package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.RateLimiterFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Always UP (a process limiting locally still serves), but says where the counters are:
 * {@code mode} = {@code local}, {@code redis}, or {@code local_fallback} with {@code degraded: true} while
 * Redis is unreachable and limits are enforced at this process's share.
 */
@Readiness
@ApplicationScoped
public class RateLimitReadiness implements HealthCheck {
    private final RateLimitBeans beans;
    private final RateLimiterFactory factory;

    public RateLimitReadiness(RateLimitBeans beans, RateLimiterFactory factory) {
        this.beans = beans;
        this.factory = factory;
    }

    @Override
    public HealthCheckResponse call() {
        factory.getClass(); // the factory decides the mode: make sure it exists
        StoreHealth h = beans.health();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("rate-limits")
                .withData("mode", h.mode().name().toLowerCase(java.util.Locale.ROOT))
                .withData("degraded", h.mode() == StoreHealth.Mode.LOCAL_FALLBACK)
                .withData("redisFailures", h.failures())
                .up();
        if (h.mode() == StoreHealth.Mode.LOCAL_FALLBACK && h.lastError() != null) {
            b.withData("lastError", h.lastError());
        }
        return b.build();
    }
}
