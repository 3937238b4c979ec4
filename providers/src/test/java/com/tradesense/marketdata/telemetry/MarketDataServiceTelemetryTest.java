package com.tradesense.marketdata.telemetry;

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
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** MarketDataService reports every provider call (latency, outcome) and what it served. */
class MarketDataServiceTelemetryTest {

    record Call(String provider, DataType type, long nanos, ProviderCallOutcome outcome) { }

    record Served(String provider, DataType type, long ageMillis) { }

    static final class Recorder implements EngineTelemetry {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final List<Served> served = new CopyOnWriteArrayList<>();

        @Override
        public void providerCall(String provider, DataType type, long latencyNanos, ProviderCallOutcome outcome) {
            calls.add(new Call(provider, type, latencyNanos, outcome));
        }

        @Override
        public void dataServed(String provider, DataType type, long ageMillis) {
            served.add(new Served(provider, type, ageMillis));
        }
    }

    /** A real-looking provider for every US market that is always down. */
    static final class DownProvider implements Provider {
        @Override public String id() { return "down"; }

        @Override public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(EnumSet.allOf(Market.class), EnumSet.of(DataType.OHLCV),
                    EnumSet.allOf(Interval.class), false, false);
        }

        @Override public List<Bar> bars(BarRequest request) {
            throw new ProviderException("down", ProviderException.Reason.UNAVAILABLE, "connection refused");
        }
    }

    @Test
    void reportsEachProviderCallWithItsOutcomeAndTheDataServed() {
        MarketCalendars calendars = MarketCalendars.standard();
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T18:00:00Z"), ZoneOffset.UTC);
        ProviderRegistry registry = new ProviderRegistry(List.of(new DownProvider(), new SimulatorProvider(calendars, clock)),
                SimulatorMode.FALLBACK);
        Recorder recorder = new Recorder();
        MarketDataService service = new MarketDataService(SymbolMaster.standard(), calendars, registry,
                new CorporateActionsService(registry, clock), clock, recorder);

        var series = service.ohlcv(OhlcvQuery.parse("AAPL", "1d", null, "2026-02-02", "2026-03-01", "10", null));

        assertThat(series.source().provider()).isEqualTo("simulator");
        assertThat(recorder.calls).extracting(Call::provider, Call::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("down", ProviderCallOutcome.UNAVAILABLE),
                        org.assertj.core.groups.Tuple.tuple("down", ProviderCallOutcome.UNAVAILABLE), // its one retry
                        org.assertj.core.groups.Tuple.tuple("simulator", ProviderCallOutcome.SUCCESS));
        assertThat(recorder.calls).allSatisfy(c -> {
            assertThat(c.type()).isEqualTo(DataType.OHLCV);
            assertThat(c.nanos()).isNotNegative();
        });
        assertThat(recorder.served).containsExactly(new Served("simulator", DataType.OHLCV, 0));
        assertThat(ProviderCallOutcome.UNAVAILABLE.isProviderError()).isTrue();
        assertThat(ProviderCallOutcome.NOT_COVERED.isProviderError()).isFalse();
    }
}
