package com.tradesense.marketdata.realtime.service;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.realtime.config.StreamConfig;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.stream.StreamSimulator;
import com.tradesense.marketdata.symbols.SymbolMaster;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The stream's core objects: the in-process hub (the bus in standalone) and its upstream, the streaming
 * simulator, started with the application. (Services mode's Redis bus is not built yet.)
 */
@ApplicationScoped
public class StreamBeans {

    @Produces
    @Singleton
    StreamSimulator simulator(MarketCalendars calendars, Clock clock, StreamConfig config, ProviderRegistry providers) {
        StreamConfig.Simulator s = config.simulator();
        // continue the same simulated instruments the history answers come from (and load their data once)
        SimulatorProvider history = providers.all().stream()
                .filter(SimulatorProvider.class::isInstance).map(SimulatorProvider.class::cast)
                .findFirst().orElseGet(() -> new SimulatorProvider(calendars, clock));
        return new StreamSimulator(history, calendars, clock,
                new StreamSimulator.Settings(s.ratePerSymbol(), s.maxRate(), s.followCalendar(), s.tickMillis(), s.newsPerHour()));
    }

    @Produces
    @Singleton
    StreamHub hub(SymbolMaster symbols, MarketCalendars calendars, Clock clock, StreamSimulator simulator, StreamConfig config) {
        StreamHub hub = new StreamHub(symbols, calendars, clock, simulator,
                new StreamHub.Settings(config.replayDepth(), config.bookDepth()));
        simulator.attach(hub);
        return hub;
    }

    void start(@Observes StartupEvent event, StreamHub hub, StreamSimulator simulator, StreamConfig config) {
        if (config.simulator().enabled()) {
            simulator.start();
        }
    }

    void stop(@Observes ShutdownEvent event, StreamSimulator simulator) {
        simulator.close();
    }
}
