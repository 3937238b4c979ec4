package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QualityCountersTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void theValidatorsRepairsAndDropsAreCountedPerProviderAnswer() {
        long d1 = CALENDARS.of(Market.NASDAQ).session(LocalDate.of(2025, 3, 3)).orElseThrow().regularOpen().toEpochMilli();
        long d2 = CALENDARS.of(Market.NASDAQ).session(LocalDate.of(2025, 3, 4)).orElseThrow().regularOpen().toEpochMilli();
        Provider dirty = new Provider() {
            @Override
            public String id() {
                return "dirty";
            }

            @Override
            public ProviderCapabilities capabilities() {
                return new ProviderCapabilities(EnumSet.of(Market.NASDAQ), EnumSet.of(DataType.OHLCV), EnumSet.of(Interval.D1), false, false);
            }

            @Override
            public List<Bar> bars(BarRequest request) { // out of order, and d2 twice
                return List.of(new Bar(d2, 10, 11, 9, 10, 5, -1, Double.NaN), new Bar(d1, 10, 11, 9, 10, 5, -1, Double.NaN),
                        new Bar(d2, 10, 12, 9, 11, 6, -1, Double.NaN));
            }
        };
        RouterHealth health = new RouterHealth(CLOCK, 3, Duration.ofSeconds(5), System::nanoTime);
        ProviderRegistry registry = new ProviderRegistry(List.of(dirty), SimulatorMode.OFF);
        MarketDataService svc = new MarketDataService(SymbolMaster.standard(), CALENDARS, registry,
                new CorporateActionsService(registry, CLOCK), CLOCK, EngineTelemetry.NONE, ProviderQuotas.unlimited(), health);
        assertThat(svc.ohlcv(OhlcvQuery.parse("AAPL", "1d", "raw", "2025-03-03", "2025-03-05", null, null)).bars()).hasSize(2);
        ProviderHealth.Quality q = health.of("dirty").quality();
        assertThat(q.barAnswers()).isEqualTo(1);
        assertThat(q.barsReceived()).isEqualTo(3);
        assertThat(q.barsRepaired()).isEqualTo(1);
        assertThat(q.barsDropped()).isEqualTo(1);
    }
}
