package com.tradesense.marketdata.rest.metrics;

import com.tradesense.marketdata.routing.CircuitBreaker;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.telemetry.ProviderCallOutcome;
import com.tradesense.marketdata.telemetry.ProviderCostLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's telemetry as Prometheus metrics (names and labels: {@code docs/metrics.md}):
 * <ul>
 *   <li>{@value #PROVIDER_REQUESTS} (timer, histogram): provider calls by provider, data type, outcome;</li>
 *   <li>{@value #DATA_STALENESS} (gauge, seconds): age of the data last served, by provider and data type;</li>
 *   <li>{@value #PROVIDER_COST} (gauge, US dollars): what each provider has cost since 00:00 UTC;</li>
 *   <li>{@value #SYMBOL_MASTER} (gauge): listings in the symbol master;</li>
 *   <li>{@value #PROVIDER_UP} (gauge): 1 unless the provider's circuit is open (disabled providers have no series).</li>
 * </ul>
 * Meters are created once per label combination and kept, so the request path does not build them.
 */
@ApplicationScoped
public class MicrometerEngineTelemetry implements EngineTelemetry {
    static final String PROVIDER_REQUESTS = "mde.provider.requests";
    static final String DATA_STALENESS = "mde.data.staleness";
    static final String PROVIDER_COST = "mde.provider.cost.today";
    static final String SYMBOL_MASTER = "mde.symbol.master.listings";
    static final String PROVIDER_UP = "mde.provider.up";

    /** Provider calls take from ~1 ms (cache-near vendors) to the 30 s timeout: the histogram's range. */
    private static final Duration FASTEST_CALL = Duration.ofMillis(1);
    private static final Duration SLOWEST_CALL = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final ProviderCostLedger costs;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> stalenessMillis = new ConcurrentHashMap<>();

    public MicrometerEngineTelemetry(MeterRegistry registry, ProviderCostLedger costs) {
        this.registry = registry;
        this.costs = costs;
    }

    /** Gauges that exist from the start, so dashboards and alerts see a 0 rather than no data. */
    void registerGauges(@Observes StartupEvent start, SymbolMaster symbols, ProviderRegistry providers, RouterHealth health) {
        Gauge.builder(SYMBOL_MASTER, symbols, SymbolMaster::size)
                .description("Listings in the symbol master")
                .register(registry);
        for (Provider p : providers.all()) {
            String id = p.id();
            Gauge.builder(PROVIDER_COST, costs, c -> c.costTodayUsd(id))
                    .description("What calls to the provider have cost since 00:00 UTC, in this process")
                    .baseUnit("usd")
                    .tag("provider", id)
                    .register(registry);
            Gauge.builder(PROVIDER_UP, health, h -> h.of(id).circuit().state() == CircuitBreaker.State.OPEN ? 0 : 1)
                    .description("1 while the provider's circuit is closed or half-open, 0 while open")
                    .tag("provider", id)
                    .register(registry);
        }
    }

    @Override
    public void providerCall(String provider, DataType type, long latencyNanos, ProviderCallOutcome outcome) {
        try {
            String key = provider + '\u0000' + type.ordinal() + '\u0000' + outcome.ordinal();
            Timer timer = timers.computeIfAbsent(key, k -> Timer.builder(PROVIDER_REQUESTS)
                    .description("Calls to market data providers")
                    .tag("provider", provider)
                    .tag("data_type", type.wireName())
                    .tag("outcome", outcome.wireName())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(FASTEST_CALL)
                    .maximumExpectedValue(SLOWEST_CALL)
                    .register(registry));
            timer.record(latencyNanos, TimeUnit.NANOSECONDS);
            costs.recordCall(provider);
        } catch (RuntimeException e) {
            // metrics never fail a request
        }
    }

    @Override
    public void dataServed(String provider, DataType type, long ageMillis) {
        String key = provider + '\u0000' + type.ordinal();
        AtomicLong age = stalenessMillis.get(key);
        if (age == null) {
            age = stalenessMillis.computeIfAbsent(key, k -> {
                AtomicLong a = new AtomicLong();
                Gauge.builder(DATA_STALENESS, a, v -> v.get() / 1000.0)
                        .description("Age of the data last served, from when the provider produced it")
                        .baseUnit("seconds")
                        .tag("provider", provider)
                        .tag("data_type", type.wireName())
                        .register(registry);
                return a;
            });
        }
        age.set(ageMillis);
    }
}
