package com.tradesense.marketdata.realtime.service;

import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.provider.stream.UpstreamFeeds;
import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.realtime.feed.LiveFeeds;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.realtime.config.StreamConfig;
import com.tradesense.marketdata.stream.StreamHub;
import com.tradesense.marketdata.provider.simulator.StreamSimulator;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.realtime.bus.RedisStreamBus;
import com.tradesense.marketdata.realtime.bus.StreamBus;
import com.tradesense.marketdata.realtime.bus.UpstreamLease;
import com.tradesense.marketdata.rest.store.RedisClients;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.jboss.logging.Logger;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The stream's core objects: the in-process hub (the bus in standalone) and its upstream, the streaming
 * simulator, started with the application; in services mode ({@code mde.stream.bus=redis}) the Redis bus
 * that feeds the hub and the lease that decides which process runs the upstream. The real provider feeds
 * ({@code MDE_PROVIDER_FINNHUB_STREAM_*}) run beside the simulator, on the same terms: from startup in
 * standalone, on the lease holder in services mode; the simulator steps aside for the symbols they stream.
 */
@ApplicationScoped
public class StreamBeans {
    private static final Logger LOG = Logger.getLogger(StreamBeans.class);

    @Produces
    @Singleton
    StreamSimulator simulator(MarketCalendars calendars, Clock clock, StreamConfig config, ProviderRegistry providers) {
        StreamConfig.Simulator s = config.simulator();
        // continue the same simulated instruments the history answers come from (and load their data once)
        SimulatorProvider history = providers.all().stream()
                .filter(SimulatorProvider.class::isInstance).map(SimulatorProvider.class::cast)
                .findFirst().orElseGet(() -> new SimulatorProvider(calendars, clock));
        return new StreamSimulator(history, calendars, clock,
                new StreamSimulator.Settings(s.ratePerSymbol(), s.maxRate(), s.followCalendar(), s.tickMillis(), s.newsPerHour(),
                        s.haltsPerDay(), s.haltDuration().toSeconds()));
    }

    private RedisStreamBus redisBus;
    private UpstreamLease lease;
    private LiveFeeds liveFeeds;

    @Produces
    @Singleton
    StreamHub hub(SymbolMaster symbols, MarketCalendars calendars, Clock clock, StreamSimulator simulator, StreamConfig config,
                  Vertx vertx, Settings settings, RouterHealth health,
                  RedisClients redisClients) {
        StreamHub hub = new StreamHub(symbols, calendars, clock, simulator,
                new StreamHub.Settings(config.replayDepth(), config.bookDepth()));
        liveFeeds = new LiveFeeds(UpstreamFeeds.finnhubEnabled(settings),
                sink -> UpstreamFeeds.configured(settings, sink, calendars, symbols, clock), hub, health, clock);
        if (liveFeeds.configured()) {
            // fail at startup, not at the first lease term, when the settings are incomplete
            UpstreamFeeds.finnhubKey(settings);
            simulator.stepAsideFor(liveFeeds::covers);
        }
        if (servicesMode(config)) {
            Redis redis = redisClients.stream().orElseThrow(
                    () -> new IllegalStateException("mde.stream.bus=redis (MDE_STREAM_BUS) needs mde.stream.redis-url (MDE_STREAM_REDIS_URL)"));
            redisBus = new RedisStreamBus(vertx, redis, hub, config.redisPrefix(), config.replayDepth(),
                    Math.max(1_000, 3 * config.leaseTtl().toMillis()));
            lease = new UpstreamLease(vertx, redisBus, hub, simulator, config.simulator().enabled(), liveFeeds,
                    config.replayDepth(), config.leaseTtl().toMillis());
            LOG.infof("stream: services mode, bus on Redis %s under %s:*",
                    config.redisUrl().map(u -> u.replaceAll("//[^@]*@", "//")).orElse("(quarkus.redis.stream.hosts)"), config.redisPrefix());
        } else {
            simulator.attach(hub);
        }
        return hub;
    }

    /** Where resumes are served from: the hub, or in services mode the hub and the Redis Streams history. */
    @Produces
    @Singleton
    StreamBus bus(StreamHub hub) {
        return redisBus != null ? redisBus : StreamBus.local(hub);
    }

    /** The real provider feeds (none running when not configured, or in services mode off the lease). */
    @Produces
    @Singleton
    LiveFeeds liveFeeds(StreamHub hub) {
        return liveFeeds;
    }

    private static boolean servicesMode(StreamConfig config) {
        return "redis".equalsIgnoreCase(config.bus().trim());
    }

    void start(@Observes StartupEvent event, StreamHub hub, StreamSimulator simulator, StreamConfig config) {
        if (redisBus != null) {
            redisBus.start();
            if (config.simulator().enabled() || liveFeeds.configured()) {
                lease.start();
            }
            return;
        }
        if (config.simulator().enabled()) {
            simulator.start();
        }
        liveFeeds.start(hub, hub::activeSymbols);
    }

    void stop(@Observes ShutdownEvent event, StreamSimulator simulator) {
        if (lease != null) {
            lease.close();
        }
        simulator.close();
        liveFeeds.close();
        if (redisBus != null) {
            redisBus.close();
        }
    }
}
