package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.history.BarSeries;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bar cache inside MarketDataService, with the simulator behind it. */
class MarketDataServiceCacheTest {
    final LayeredBarCacheTest.MutableClock clock = new LayeredBarCacheTest.MutableClock(Instant.parse("2026-06-10T20:00:00Z"));

    /** The simulator, recording each request. */
    final class Counting implements Provider {
        final SimulatorProvider sim = new SimulatorProvider(MarketCalendars.standard(), clock);
        final List<BarRequest> requests = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public String id() {
            return sim.id();
        }

        @Override
        public ProviderCapabilities capabilities() {
            return sim.capabilities();
        }

        @Override
        public List<Bar> bars(BarRequest request) {
            requests.add(request);
            if (down) {
                throw new ProviderException(id(), ProviderException.Reason.UNAVAILABLE, "vendor down");
            }
            return sim.bars(request);
        }
    }

    MarketDataService service(Provider p, LayeredBarCache cache) {
        ProviderRegistry registry = new ProviderRegistry(List.of(p), SimulatorMode.AUTO);
        return new MarketDataService(SymbolMaster.standard(), MarketCalendars.standard(), registry,
                new CorporateActionsService(registry, clock), clock, EngineTelemetry.NONE, ProviderQuotas.unlimited(), cache);
    }

    static OhlcvQuery q(String symbol, String interval, String adjustment, String from, String to) {
        return OhlcvQuery.parse(symbol, interval, adjustment, from, to, "5000", null);
    }

    @Test
    void aYearOfDailyBarsIsTwelveChunksServedFromTheCacheTheSecondTimeIdenticalToUncached() {
        Counting plain = new Counting();
        BarSeries reference = service(plain, LayeredBarCache.none()).ohlcv(q("AAPL", "1d", "raw", "2025-01-01", "2026-01-01"));

        Counting sim = new Counting();
        MemoryBarStore store = new MemoryBarStore(clock, 10_000);
        LayeredBarCache cache = new LayeredBarCache(List.of(store), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5));
        MarketDataService svc = service(sim, cache);

        BarSeries cold = svc.ohlcv(q("AAPL", "1d", "raw", "2025-01-01", "2026-01-01"));
        assertThat(cold.bars()).isEqualTo(reference.bars());
        assertThat(cold.source().cache()).isEqualTo(CacheLayer.NONE);
        assertThat(sim.requests).hasSize(1);
        assertThat(store.entries()).isEqualTo(13); // 2025 in New York time ends in January 2026 UTC

        BarSeries warm = svc.ohlcv(q("AAPL", "1d", "raw", "2025-01-01", "2026-01-01"));
        assertThat(warm.bars()).isEqualTo(reference.bars());
        assertThat(warm.source().cache()).isEqualTo(CacheLayer.LOCAL);
        assertThat(warm.source().provider()).isEqualTo("simulator");
        assertThat(sim.requests).hasSize(1);

        // adjusted answers are built from the same cached daily chunks (the simulator serves 1w itself)
        BarSeries split = svc.ohlcv(q("AAPL", "1d", "split", "2025-01-01", "2026-01-01"));
        assertThat(split.bars()).isEqualTo(service(plain, LayeredBarCache.none()).ohlcv(q("AAPL", "1d", "split", "2025-01-01", "2026-01-01")).bars());
    }

    @Test
    void onlyTheMissingMonthsAreAskedForAndTheOpenMonthIsRefetchedAfterItsTtl() {
        Counting sim = new Counting();
        MemoryBarStore store = new MemoryBarStore(clock, 10_000);
        LayeredBarCache cache = new LayeredBarCache(List.of(store), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5));
        MarketDataService svc = service(sim, cache);
        svc.ohlcv(q("AAPL", "1d", "raw", "2025-03-01", "2025-05-01"));
        assertThat(sim.requests).hasSize(1);
        svc.ohlcv(q("AAPL", "1d", "raw", "2025-02-01", "2025-07-01")); // Feb missing, Mar-Apr cached, May-Jun missing
        assertThat(sim.requests).hasSize(3);
        BarRequest feb = sim.requests.get(1);
        assertThat(feb.from()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
        assertThat(feb.to()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));

        svc.ohlcv(q("AAPL", "1d", "raw", "2026-06-01", "2026-06-11"));
        assertThat(sim.requests).hasSize(4);
        assertThat(svc.ohlcv(q("AAPL", "1d", "raw", "2026-06-01", "2026-06-11")).source().cache()).isEqualTo(CacheLayer.LOCAL);
        assertThat(sim.requests).hasSize(4);
        clock.advance(Duration.ofMinutes(61)); // the month in progress is kept an hour
        assertThat(svc.ohlcv(q("AAPL", "1d", "raw", "2026-06-01", "2026-06-11")).source().cache()).isEqualTo(CacheLayer.NONE);
        assertThat(sim.requests).hasSize(5);
    }

    @Test
    void intradayBarsAreCachedByMonthExtendedHoursStillGoToTheProvider() {
        Counting plain = new Counting();
        Counting sim = new Counting();
        LayeredBarCache cache = new LayeredBarCache(List.of(new MemoryBarStore(clock, 100)), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5));
        MarketDataService svc = service(sim, cache);
        for (String interval : List.of("1m", "5m", "1h")) {
            BarSeries reference = service(plain, LayeredBarCache.none()).ohlcv(q("AAPL", interval, "raw", "2025-03-03", "2025-03-05"));
            BarSeries cold = svc.ohlcv(q("AAPL", interval, "raw", "2025-03-03", "2025-03-05"));
            assertThat(cold.bars()).isNotEmpty().isEqualTo(reference.bars());
            assertThat(cold.source().cache()).isEqualTo(CacheLayer.NONE);
            int calls = sim.requests.size();
            BarSeries otherDays = svc.ohlcv(q("AAPL", interval, "raw", "2025-03-10", "2025-03-13")); // same month: no call
            assertThat(otherDays.source().cache()).isEqualTo(CacheLayer.LOCAL);
            assertThat(otherDays.bars()).isEqualTo(service(plain, LayeredBarCache.none()).ohlcv(q("AAPL", interval, "raw", "2025-03-10", "2025-03-13")).bars());
            assertThat(sim.requests).hasSize(calls);
        }
        int calls = sim.requests.size();
        svc.ohlcv(OhlcvQuery.parse("AAPL", "5m", "raw", "2025-03-03", "2025-03-04", "5000", null, "extended"));
        svc.ohlcv(OhlcvQuery.parse("AAPL", "5m", "raw", "2025-03-03", "2025-03-04", "5000", null, "extended"));
        assertThat(sim.requests).hasSize(calls + 2);
    }

    @Test
    void whenTheProviderFailsAfterTheTtlTheExpiredChunksAreServedStaleWithWhenTheyWereFetched() {
        Counting sim = new Counting();
        MemoryBarStore store = new MemoryBarStore(clock, 10_000);
        LayeredBarCache cache = new LayeredBarCache(List.of(store), CacheTtlPolicy.seed(), clock, Duration.ofSeconds(5), Duration.ofHours(24));
        MarketDataService svc = service(sim, cache);
        Instant fetched = clock.instant();
        BarSeries fresh = svc.ohlcv(q("AAPL", "1d", "raw", "2026-05-01", "2026-06-11")); // May is closed (kept), June in progress (an hour)
        assertThat(fresh.source().stale()).isFalse();

        clock.advance(Duration.ofHours(3)); // past the hour of a month in progress, within the 24 h grace
        sim.down = true;
        BarSeries stale = svc.ohlcv(q("AAPL", "1d", "raw", "2026-05-01", "2026-06-11"));
        assertThat(stale.bars()).isEqualTo(fresh.bars());
        assertThat(stale.source().stale()).isTrue();
        assertThat(stale.source().asOf()).isEqualTo(fetched);
        assertThat(stale.source().cache()).isEqualTo(CacheLayer.LOCAL);

        // months never cached: still a 503
        assertThatThrownBy(() -> svc.ohlcv(q("AAPL", "1d", "raw", "2024-05-01", "2024-06-11")))
                .isInstanceOf(ServiceUnavailableException.class);

        sim.down = false; // the provider is back: fresh again, and nothing stale
        BarSeries back = svc.ohlcv(q("AAPL", "1d", "raw", "2026-05-01", "2026-06-11"));
        assertThat(back.source().stale()).isFalse();
        assertThat(back.source().cache()).isEqualTo(CacheLayer.NONE);

        clock.advance(Duration.ofHours(30)); // past TTL and grace: gone from the store
        sim.down = true;
        assertThatThrownBy(() -> svc.ohlcv(q("AAPL", "1d", "raw", "2026-06-01", "2026-06-11")))
                .isInstanceOf(ServiceUnavailableException.class);
    }
}
