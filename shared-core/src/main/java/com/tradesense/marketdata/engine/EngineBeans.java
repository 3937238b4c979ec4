package com.tradesense.marketdata.engine;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.TickService;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

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

    @Produces
    @Singleton
    ProviderRegistry providers(MarketCalendars calendars, Clock clock,
                               @ConfigProperty(name = "mde.simulator.mode", defaultValue = "auto") String simulatorMode) {
        SimulatorMode mode;
        try {
            mode = SimulatorMode.valueOf(simulatorMode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mde.simulator.mode must be auto, fallback or off, not '" + simulatorMode + "'");
        }
        // Real adapters join this list, in priority order, as they are configured (providers issue).
        List<Provider> providers = List.of(new SimulatorProvider(calendars, clock));
        return new ProviderRegistry(providers, mode);
    }

    @Produces
    @Singleton
    CorporateActionsService corporateActions(ProviderRegistry providers, Clock clock) {
        return new CorporateActionsService(providers, clock);
    }

    @Produces
    @Singleton
    MarketDataService marketData(SymbolMaster symbols, MarketCalendars calendars, ProviderRegistry providers,
                                 CorporateActionsService actions, Clock clock, Instance<EngineTelemetry> telemetry) {
        // shared-rest supplies the Micrometer telemetry; without it (a bare core) nothing is recorded
        return new MarketDataService(symbols, calendars, providers, actions, clock,
                telemetry.isResolvable() ? telemetry.get() : EngineTelemetry.NONE);
    }

    @Produces
    @Singleton
    TickService ticks(MarketDataService marketData, MarketCalendars calendars, ProviderRegistry providers, Clock clock) {
        return new TickService(marketData, calendars, providers, clock);
    }
}
