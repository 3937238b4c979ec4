package com.tradesense.marketdata.history;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Adjustment;
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
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketDataServiceTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private static final SymbolMaster SYMBOLS = SymbolMaster.standard();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId NY = ZoneId.of("America/New_York");

    /** A vendor-like provider whose answers a test controls, counting its calls. */
    static final class FakeProvider implements Provider {
        final String id;
        final EnumSet<Interval> intervals;
        final Function<BarRequest, List<Bar>> answer;
        final AtomicInteger calls = new AtomicInteger();

        FakeProvider(String id, EnumSet<Interval> intervals, Function<BarRequest, List<Bar>> answer) {
            this.id = id;
            this.intervals = intervals;
            this.answer = answer;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(EnumSet.of(Market.NASDAQ, Market.NYSE), EnumSet.of(DataType.OHLCV), intervals, false, false);
        }

        @Override
        public List<Bar> bars(BarRequest request) {
            calls.incrementAndGet();
            return answer.apply(request);
        }
    }

    private static MarketDataService service(Provider... providers) {
        ProviderRegistry registry = new ProviderRegistry(List.of(providers), SimulatorMode.AUTO);
        return new MarketDataService(SYMBOLS, CALENDARS, registry, new CorporateActionsService(registry, CLOCK), CLOCK);
    }

    private static OhlcvQuery query(String symbol, String interval, String adjustment, String from, String to) {
        return OhlcvQuery.parse(symbol, interval, adjustment, from, to, null, null);
    }

    private static long ny(String local) {
        return java.time.LocalDateTime.parse(local).atZone(NY).toInstant().toEpochMilli();
    }

    @Test
    void thousandConcurrentIdenticalRequestsMakeOneProviderCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeProvider slow = new FakeProvider("slow", EnumSet.of(Interval.D1), r -> {
            try {
                release.await(10, TimeUnit.SECONDS); // hold the first call until everyone has asked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new Bar(ny("2025-03-03T09:30"), 10, 11, 9, 10.5, 100, 1, Double.NaN));
        });
        MarketDataService svc = service(slow);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<BarSeries>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(pool.submit(() -> svc.ohlcv(query("AAPL", "1d", "raw", "2025-03-03", "2025-03-04"))));
        }
        Thread.sleep(300); // let the 64 workers pile onto the call in flight
        release.countDown();
        for (Future<BarSeries> f : results) {
            assertThat(f.get(20, TimeUnit.SECONDS).bars()).hasSize(1);
        }
        pool.shutdown();
        // 1000 requests over 64 threads: the first wave shares one call; requests that start after it
        // finished are new misses (there is no cache here), so count only the calls made while held.
        assertThat(slow.calls.get()).isLessThanOrEqualTo(1 + 1000 - 64);
        assertThat(slowCallsWhileHeld(svc)).isEqualTo(1);
    }

    /** A cleaner statement of the same guarantee: N threads released together make exactly one call. */
    private static int slowCallsWhileHeld(MarketDataService ignored) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1000);
        FakeProvider held = new FakeProvider("held", EnumSet.of(Interval.D1), r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new Bar(ny("2025-03-03T09:30"), 10, 11, 9, 10.5, 100, 1, Double.NaN));
        });
        MarketDataService svc = service(held);
        ExecutorService pool = Executors.newFixedThreadPool(1000);
        List<Future<BarSeries>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(pool.submit(() -> {
                asked.countDown();
                return svc.ohlcv(query("AAPL", "1d", "raw", "2025-03-03", "2025-03-04"));
            }));
        }
        asked.await(20, TimeUnit.SECONDS);
        Thread.sleep(500); // everyone is now inside ohlcv(), waiting on the one call in flight
        release.countDown();
        for (Future<BarSeries> f : results) {
            assertThat(f.get(20, TimeUnit.SECONDS).bars()).hasSize(1);
        }
        pool.shutdown();
        return held.calls.get();
    }

    @Test
    void aProviderWithoutTheIntervalIsResampledInTheMarketsCalendar() {
        // a vendor with only 30-minute bars: 13 per session, close 100 + i
        FakeProvider halfHourly = new FakeProvider("halfhourly", EnumSet.of(Interval.M30), r -> {
            List<Bar> out = new ArrayList<>();
            long open = ny("2025-03-04T09:30");
            for (int i = 0; i < 13; i++) {
                long t = open + i * 1_800_000L;
                if (t >= r.from().toEpochMilli() && t < r.to().toEpochMilli()) {
                    out.add(new Bar(t, 100 + i - 0.5, 101 + i, 99 + i, 100 + i, 10, 1, Double.NaN));
                }
            }
            return out;
        });
        BarSeries hours = service(halfHourly).ohlcv(query("AAPL", "1h", "raw", "2025-03-04", "2025-03-05"));
        assertThat(hours.bars()).hasSize(7);
        assertThat(hours.bars().get(1).t()).isEqualTo(ny("2025-03-04T10:30"));
        assertThat(hours.source().provider()).isEqualTo("halfhourly");
        BarSeries day = service(halfHourly).ohlcv(query("AAPL", "1d", "raw", "2025-03-04", "2025-03-05"));
        assertThat(day.bars()).singleElement().satisfies(b -> {
            assertThat(b.t()).isEqualTo(ny("2025-03-04T09:30"));
            assertThat(b.o()).isEqualTo(99.5);
            assertThat(b.c()).isEqualTo(112.0);
            assertThat(b.v()).isEqualTo(130);
        });
    }

    @Test
    void aFailingProviderFallsOverToTheNextAndAllFailingIsA503() {
        FakeProvider down = new FakeProvider("down", EnumSet.of(Interval.D1), r -> {
            throw new ProviderException("down", ProviderException.Reason.UNAVAILABLE, "connection refused");
        });
        FakeProvider up = new FakeProvider("up", EnumSet.of(Interval.D1),
                r -> List.of(new Bar(ny("2025-03-03T09:30"), 10, 11, 9, 10.5, 100, 1, Double.NaN)));
        BarSeries s = service(down, up).ohlcv(query("AAPL", "1d", "raw", "2025-03-03", "2025-03-04"));
        assertThat(s.source().provider()).isEqualTo("up");
        assertThat(down.calls.get()).isEqualTo(2); // UNAVAILABLE is retried once (ProviderRouter), then the next provider answers
        assertThatThrownBy(() -> service(down).ohlcv(query("AAPL", "1d", "raw", "2025-03-03", "2025-03-04")))
                .isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void duplicatedUnorderedAndOffGridBarsNeverReachTheClient() {
        long t0 = ny("2025-03-04T09:30");
        FakeProvider sloppy = new FakeProvider("sloppy", EnumSet.of(Interval.M5), r -> List.of(
                new Bar(t0 + 300_000, 10, 11, 9, 10, 5, 1, Double.NaN),
                new Bar(t0, 10, 11, 9, 10, 5, 1, Double.NaN),
                new Bar(t0 + 300_000, 10, 12, 9, 11, 7, 1, Double.NaN), // a correction of the same bar
                new Bar(t0 + 420_000, 10, 11, 9, 10, 5, 1, Double.NaN))); // 09:37: not on the 5-minute grid
        BarSeries s = service(sloppy).ohlcv(query("AAPL", "5m", "raw", "2025-03-04", "2025-03-05"));
        assertThat(s.bars()).extracting(Bar::t).containsExactly(t0, t0 + 300_000);
        assertThat(s.bars().get(1).c()).isEqualTo(11);
    }

    @Test
    void splitAdjustmentMakesTheSimulatorsAppleContinuousAcrossTheFourForOneSplit() {
        SimulatorProvider sim = new SimulatorProvider(CALENDARS, CLOCK);
        MarketDataService svc = service(sim);
        BarSeries raw = svc.ohlcv(query("AAPL", "1d", "raw", "2020-08-27", "2020-09-02"));
        BarSeries split = svc.ohlcv(query("AAPL", "1d", "split", "2020-08-27", "2020-09-02"));
        // 28 Aug (last session before the split) and 31 Aug (ex-date)
        Bar rawFriday = raw.bars().get(1);
        Bar rawMonday = raw.bars().get(2);
        assertThat(rawFriday.c() / rawMonday.c()).isBetween(3.5, 4.6); // the raw series jumps by about 4
        Bar adjFriday = split.bars().get(1);
        assertThat(adjFriday.c()).isCloseTo(rawFriday.c() / 4, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(adjFriday.v()).isEqualTo(rawFriday.v() * 4);
        assertThat(split.bars().get(2).c()).isEqualTo(rawMonday.c()); // from the ex-date on, as traded
        assertThat(split.adjustedThrough()).isAfterOrEqualTo(LocalDate.of(2020, 8, 31));
        assertThat(raw.adjustedThrough()).isNull();
        BarSeries all = svc.ohlcv(query("AAPL", "1d", "all", "2020-08-27", "2020-09-02"));
        assertThat(all.bars().get(1).c()).isLessThanOrEqualTo(adjFriday.c()); // dividends after it only lower it
        assertThat(all.adjustment()).isEqualTo(Adjustment.ALL);
    }

    @Test
    void noBarsFromTheFuture() {
        SimulatorProvider sim = new SimulatorProvider(CALENDARS, CLOCK);
        BarSeries s = service(sim).ohlcv(query("AAPL", "1d", "raw", "2026-05-20", "2026-07-01"));
        assertThat(s.bars()).isNotEmpty().allSatisfy(b -> assertThat(b.t()).isLessThan(CLOCK.millis()));
    }
}
