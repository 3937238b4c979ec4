package com.tradesense.marketdata.engine;

import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.routing.RoutingSettings;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.TickService;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.provider.vendor.VendorProviders;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateClock;
import com.tradesense.marketdata.ratelimit.RateLimiterFactory;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.telemetry.ProviderCostLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wires the core for the Quarkus functions: one instance each of the reference data and services,
 * shared by every function that runs in the process (in standalone, all three). Found through the
 * Jandex index of this module; the core's classes themselves stay framework-free.
 */
@ApplicationScoped
public class EngineBeans {

    @Produces
    @Singleton
    MarketCalendars calendars() {
        return MarketCalendars.standard();
    }

    @Produces
    @Singleton
    SymbolMaster symbolMaster() {
        return SymbolMaster.standard();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The core's view of MicroProfile Config: every {@code mde.*} setting the core reads by name (vendors,
     * routes, feeds) comes through here, so properties files, {@code -D}, the environment and profiles all apply.
     */
    @Produces
    @Singleton
    Settings settings(Config config) {
        return name -> config.getOptionalValue(name, String.class);
    }

    @Produces
    @Singleton
    ProviderRegistry providers(MarketCalendars calendars, Clock clock, Settings settings,
                               @ConfigProperty(name = "mde.simulator.mode", defaultValue = "auto") String simulatorMode) {
        SimulatorMode mode;
        try {
            mode = SimulatorMode.valueOf(simulatorMode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mde.simulator.mode must be auto, fallback or off, not '" + simulatorMode + "'");
        }
        // Vendor adapters switched on by mde.provider.<id>.* (MDE_PROVIDER_<ID>_*), in priority order; the
        // simulator last (with none configured it serves alone, as the standalone default wants).
        List<Provider> providers = new ArrayList<>(VendorProviders.configured(settings, calendars, clock));
        providers.add(new SimulatorProvider(calendars, clock));
        return new ProviderRegistry(providers, mode);
    }

    /** Configuration keys overriding a provider's quota: {@code mde.ratelimit.provider."<id>"=<quota>}. */
    static final String PROVIDER_QUOTA_PREFIX = "mde.ratelimit.provider.";
    /** The same from the environment: {@code MDE_RATELIMIT_PROVIDER_<ID>=<quota>}. */
    static final String PROVIDER_QUOTA_ENV_PREFIX = "MDE_RATELIMIT_PROVIDER_";

    /**
     * The seed's provider quotas, each replaceable from configuration ({@code none} removes one), with
     * counters wherever the {@link RateLimiterFactory} keeps them (Redis when configured, so every
     * process spends from one vendor quota).
     */
    @Produces
    @Singleton
    CorporateActionsService corporateActions(Clock clock, ProviderRouter router) {
        return new CorporateActionsService(clock, router);
    }

    /**
     * The one call path to the providers for every service: order per market and data type (mde.route.*),
     * quality score (mde.quality.*), retries and bulkhead (mde.router.*), prices from the cost ledger.
     */
    @Produces
    @Singleton
    ProviderRouter providerRouter(ProviderRegistry providers, RouterHealth health, ProviderQuotas quotas,
                                  Instance<EngineTelemetry> telemetry, Instance<ProviderCostLedger> costs,
                                  MarketCalendars calendars, Clock clock, Config config) {
        RoutingSettings settings = RoutingSettings.from(name -> config.getOptionalValue(name, String.class),
                EngineBeans::parseDuration);
        return new ProviderRouter(providers, health, quotas, telemetry.isResolvable() ? telemetry.get() : EngineTelemetry.NONE,
                costs.isResolvable() ? costs.get() : null, calendars, clock, settings);
    }

    @Produces
    @Singleton
    ProviderQuotas providerQuotas(Config config, RateLimiterFactory limiters,
                                  @ConfigProperty(name = "mde.ratelimit.provider-max-wait", defaultValue = "250ms") String maxWait,
                                  @ConfigProperty(name = "mde.ratelimit.provider-queue", defaultValue = "16") int queue) {
        Map<String, Quota> quotas = new LinkedHashMap<>(ProviderQuotas.seedDefaults());
        for (String name : config.getPropertyNames()) {
            String id = null;
            if (name.startsWith(PROVIDER_QUOTA_PREFIX)) {
                id = name.substring(PROVIDER_QUOTA_PREFIX.length()).replace("\"", "");
            } else if (name.startsWith(PROVIDER_QUOTA_ENV_PREFIX)) {
                // MDE_RATELIMIT_PROVIDER_ALPHA_VANTAGE -> alpha_vantage (underscores around the id ignored)
                id = name.substring(PROVIDER_QUOTA_ENV_PREFIX.length()).replaceAll("^_+|_+$", "").toLowerCase(Locale.ROOT);
            }
            if (id != null && !id.isEmpty() && !id.equals("max_wait") && !id.equals("queue")) {
                String spec = config.getValue(name, String.class).trim();
                if (spec.equalsIgnoreCase("none")) {
                    quotas.remove(id);
                } else {
                    quotas.put(id, Quota.parse(spec));
                }
            }
        }
        return new ProviderQuotas(quotas, limiters, RateClock.SYSTEM, parseDuration(maxWait), queue);
    }

    /** {@code 250ms}, {@code 2s}, or ISO-8601 ({@code PT2S}). */
    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s") && !t.startsWith("p")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(s.trim());
    }

    /** Per-provider latency, error rate and circuit breaker, shared by the router and the status endpoint. */
    @Produces
    @Singleton
    RouterHealth routerHealth(Clock clock,
                              @ConfigProperty(name = "mde.router.circuit.failure-threshold", defaultValue = "3") int failureThreshold,
                              @ConfigProperty(name = "mde.router.circuit.open-for", defaultValue = "5s") String openFor) {
        return new RouterHealth(clock, failureThreshold, parseDuration(openFor), System::nanoTime);
    }

    @Produces
    @Singleton
    MarketDataService marketData(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                                 CorporateActionsService actions, Clock clock, Instance<EngineTelemetry> telemetry,
                                 ProviderQuotas quotas, RouterHealth health, Instance<LayeredBarCache> barCache,
                                 ProviderRouter router) {
        // shared-rest supplies the Micrometer telemetry and the cache layers; without them (a bare core)
        // nothing is recorded and every request asks a provider
        return new MarketDataService(symbols, calendars, providers, actions, clock,
                telemetry.isResolvable() ? telemetry.get() : EngineTelemetry.NONE, quotas, health,
                barCache.isResolvable() ? barCache.get() : LayeredBarCache.none(), router);
    }

    @Produces
    @Singleton
    TickService ticks(MarketDataService marketData, MarketCalendars calendars, ProviderRouter router, Clock clock) {
        return new TickService(marketData, calendars, router, clock);
    }
}
