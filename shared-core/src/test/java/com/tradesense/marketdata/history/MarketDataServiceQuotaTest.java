package com.tradesense.marketdata.history;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.ratelimit.ManualClock;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateLimiterFactory;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider loop with quotas: a spent quota sends calls to the next provider; a vendor 429 pauses one. */
class MarketDataServiceQuotaTest {
    private static SymbolMaster symbols;
    private static MarketCalendars calendars;

    @BeforeAll
    static void load() {
        symbols = SymbolMaster.standard();
        calendars = MarketCalendars.standard();
    }

    /** A provider of one flat daily bar per request, counting its calls; optionally answering 429. */
    static final class FakeProvider implements Provider {
        final String id;
        final AtomicInteger calls = new AtomicInteger();
        volatile Duration answer429 = null;

        FakeProvider(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(Set.of(Market.NASDAQ), Set.of(DataType.OHLCV), Set.of(Interval.D1), false, false);
        }

        @Override
        public List<Bar> bars(BarRequest r) {
            calls.incrementAndGet();
            if (answer429 != null) {
                throw new ProviderException(id, ProviderException.Reason.RATE_LIMITED, "HTTP 429", answer429, null);
            }
            long t = r.from().toEpochMilli();
            return List.of(new Bar(t, 10, 11, 9, 10.5, 1000, Bar.NO_COUNT, Double.NaN));
        }
    }

    private static OhlcvQuery query() {
        return OhlcvQuery.parse("AAPL", "1d", "raw", "2025-01-02", "2025-01-10", "5", null);
    }

    private MarketDataService service(ProviderRegistry registry, Clock clock, ProviderQuotas quotas) {
        return new MarketDataService(symbols, calendars, registry, new CorporateActionsService(registry, clock), clock,
                EngineTelemetry.NONE, quotas);
    }

    @Test
    void whenTheFirstProvidersDailyQuotaIsSpentCallsGoToTheNextUntilMidnightInItsZone() {
        FakeProvider av = new FakeProvider("alpha_vantage");
        FakeProvider yahoo = new FakeProvider("yahoo");
        ZoneId ny = ZoneId.of("America/New_York");
        ManualClock clock = new ManualClock(LocalDate.of(2026, 3, 6).atTime(9, 0).atZone(ny).toInstant());
        ProviderQuotas quotas = new ProviderQuotas(
                Map.of("alpha_vantage", Quota.parse("5/1m sliding, 20/1d@America/New_York"), "yahoo", Quota.parse("2000/1h burst 100 gcra")),
                RateLimiterFactory.LOCAL, clock, Duration.ZERO, 4);
        MarketDataService service = service(new ProviderRegistry(List.of(av, yahoo), SimulatorMode.OFF), Clock.fixed(Instant.parse("2026-03-06T14:00:00Z"), ZoneOffset.UTC), quotas);

        int fromAv = 0;
        int fromYahoo = 0;
        for (int i = 0; i < 60; i++) {           // one request a minute for an hour
            String provider = service.ohlcv(query()).source().provider();
            if (provider.equals("alpha_vantage")) {
                fromAv++;
            } else {
                assertThat(provider).isEqualTo("yahoo");
                fromYahoo++;
            }
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(fromAv).isEqualTo(20);
        assertThat(fromYahoo).isEqualTo(40);
        assertThat(av.calls.get()).as("a spent quota is never sent to the vendor").isEqualTo(20);
        // the next day (midnight New York) Alpha Vantage is back
        clock.set(LocalDate.of(2026, 3, 7).atStartOfDay(ny).toInstant());
        assertThat(service.ohlcv(query()).source().provider()).isEqualTo("alpha_vantage");
    }

    @Test
    void aBurstWithinAMinuteSpillsOverToTheNextProvider() {
        FakeProvider av = new FakeProvider("alpha_vantage");
        FakeProvider yahoo = new FakeProvider("yahoo");
        ProviderQuotas quotas = new ProviderQuotas(Map.of("alpha_vantage", Quota.parse("5/1m sliding")),
                RateLimiterFactory.LOCAL, new ManualClock(Instant.parse("2026-03-06T14:00:00Z")), Duration.ZERO, 4);
        MarketDataService service = service(new ProviderRegistry(List.of(av, yahoo), SimulatorMode.OFF), Clock.systemUTC(), quotas);
        for (int i = 0; i < 8; i++) {
            service.ohlcv(query());
        }
        assertThat(av.calls.get()).isEqualTo(5);
        assertThat(yahoo.calls.get()).isEqualTo(3);
    }

    @Test
    void aVendor429PausesThatProviderAndAllSpentGivesA503WithTheSoonestRetry() {
        FakeProvider av = new FakeProvider("alpha_vantage");
        FakeProvider yahoo = new FakeProvider("yahoo");
        ManualClock clock = new ManualClock(Instant.parse("2026-03-06T14:00:00Z"));
        ProviderQuotas quotas = new ProviderQuotas(Map.of("yahoo", Quota.parse("1/1m sliding")),
                RateLimiterFactory.LOCAL, clock, Duration.ZERO, 4);
        MarketDataService service = service(new ProviderRegistry(List.of(av, yahoo), SimulatorMode.OFF), Clock.systemUTC(), quotas);

        av.answer429 = Duration.ofSeconds(40);
        assertThat(service.ohlcv(query()).source().provider()).isEqualTo("yahoo");
        assertThat(av.calls.get()).isEqualTo(1);
        av.answer429 = null;
        clock.advance(Duration.ofSeconds(10));
        // Alpha Vantage is paused for 30 s more, Yahoo's minute is spent for 50 s more: 503, retry in 30 s
        assertThatThrownBy(() -> service.ohlcv(query()))
                .isInstanceOf(ServiceUnavailableException.class)
                .satisfies(e -> assertThat(((ServiceUnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(av.calls.get()).as("not asked while paused").isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.ohlcv(query()).source().provider()).isEqualTo("alpha_vantage");
    }
}
