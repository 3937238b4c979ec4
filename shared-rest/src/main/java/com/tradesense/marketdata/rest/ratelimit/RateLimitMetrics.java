package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.ratelimit.RateDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate-limit metrics of docs/metrics.md: {@code mde_ratelimit_decisions_total{scope,decision}},
 * {@code mde_ratelimit_usage_ratio{scope,key}} and {@code mde_ratelimit_degraded}. Client and symbol
 * usage are reported as the highest of any key in the current minute ({@code key="max"}), so labels stay
 * bounded; markets and providers by name. Inbound usage is the binding (tightest) limit of each request.
 */
@ApplicationScoped
public class RateLimitMetrics {
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final MeterRegistry registry;
    private final ProviderQuotas quotas;
    private final RateLimitBeans limits;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, WindowMax> usage = new ConcurrentHashMap<>();

    public RateLimitMetrics(MeterRegistry registry, ProviderQuotas quotas, RateLimitBeans limits) {
        this.registry = registry;
        this.quotas = quotas;
        this.limits = limits;
    }

    void register(@Observes StartupEvent start) {
        for (String provider : quotas.quotas().keySet()) {
            Gauge.builder("mde.ratelimit.usage.ratio", quotas, q -> q.usage(provider))
                    .tag("scope", "provider").tag("key", provider)
                    .description("Share of the provider's quota in use").register(registry);
        }
        Gauge.builder("mde.ratelimit.degraded", limits, l -> l.health().mode() == StoreHealth.Mode.LOCAL_FALLBACK ? 1 : 0)
                .description("1 while Redis is unreachable and limits are enforced per pod").register(registry);
    }

    /** One inbound decision: {@code scope} is the limit that bound it (client, symbol, market), {@code key} the market for market scope. */
    void record(String scope, String key, RateDecision d) {
        decisions.computeIfAbsent(scope + (d.allowed() ? "|allowed" : "|rejected"), k -> Counter.builder("mde.ratelimit.decisions")
                .tag("scope", scope).tag("decision", d.allowed() ? "allowed" : "rejected")
                .description("Rate-limit answers").register(registry)).increment();
        String label = "market".equals(scope) && key != null ? key : "max";
        usage.computeIfAbsent(scope + "|" + label, k -> {
            WindowMax w = new WindowMax();
            Gauge.builder("mde.ratelimit.usage.ratio", w, WindowMax::value).tag("scope", scope).tag("key", label)
                    .description("Share of the binding limit in use").register(registry);
            return w;
        }).offer(d.usage());
    }

    /** The highest value offered in the current minute (then it starts over), read without locking. */
    static final class WindowMax {
        private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0.0));
        private volatile long windowStart = System.nanoTime();

        void offer(double v) {
            long now = System.nanoTime();
            if (now - windowStart > WINDOW_NANOS) {
                windowStart = now;
                bits.set(Double.doubleToLongBits(v));
                return;
            }
            bits.accumulateAndGet(Double.doubleToLongBits(v),
                    (a, b) -> Double.longBitsToDouble(b) > Double.longBitsToDouble(a) ? b : a);
        }

        double value() {
            return System.nanoTime() - windowStart > WINDOW_NANOS ? 0.0 : Double.longBitsToDouble(bits.get());
        }
    }
}
