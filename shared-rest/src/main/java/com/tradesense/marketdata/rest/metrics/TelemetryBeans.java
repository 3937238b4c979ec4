package com.tradesense.marketdata.rest.metrics;

import com.tradesense.marketdata.telemetry.ProviderCostLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider cost ledger, priced from {@code mde.provider-cost.<provider id>.usd-per-call}
 * (env {@code MDE_PROVIDER_COST_<ID>_USD_PER_CALL}), default 0.
 */
@ApplicationScoped
public class TelemetryBeans {

    @Produces
    @Singleton
    ProviderCostLedger providerCosts(Clock clock, Config config) {
        Map<String, Double> prices = new ConcurrentHashMap<>();
        return new ProviderCostLedger(clock, id -> prices.computeIfAbsent(id, k ->
                config.getOptionalValue("mde.provider-cost." + k + ".usd-per-call", Double.class).orElse(0.0)));
    }
}
