package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.TradingSession;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.symbols.Listing;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulatorProviderTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private static final SimulatorProvider SIM = new SimulatorProvider(CALENDARS, java.time.Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    private static final ZoneId NY = ZoneId.of("America/New_York");

    static final Listing AAPL = new Listing("AAPL", "Apple Inc.", Market.NASDAQ, "XNAS", AssetType.EQUITY, "USD", "US0378331005", "Information Technology");
    static final Listing ATW = new Listing("ATW.CSE", "Attijariwafa Bank", Market.CSE, "XCAS", AssetType.EQUITY, "MAD", "MA0000012445", "Banks");
    static final Listing CDM = new Listing("CDM.CSE", "Crédit du Maroc", Market.CSE, "XCAS", AssetType.EQUITY, "MAD", null, "Banks");
    static final Listing MASI = new Listing("MASI.CSE", "MASI", Market.CSE, "XCAS", AssetType.INDEX, "MAD", null, null);
    static final Listing USDMAD = new Listing("USD/MAD", "US dollar / Moroccan dirham", Market.FX, null, AssetType.CURRENCY_PAIR, "MAD", null, null);
    static final Listing UNKNOWN = new Listing("ZZZQ", "Some Co", Market.NYSE, "XNYS", AssetType.EQUITY, "USD", null, null);

    private static List<Bar> bars(Listing l, Interval i, String from, String to) {
        return SIM.bars(new BarRequest(l, i, Instant.parse(from), Instant.parse(to), false));
    }

    @Test
    void theSameRequestGivesTheSameBarsAndSubRangesAgree() {
        List<Bar> year = bars(AAPL, Interval.D1, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
        assertThat(bars(AAPL, Interval.D1, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z")).isEqualTo(year);
        List<Bar> june = bars(AAPL, Interval.D1, "2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z");
        assertThat(year).containsAll(june);
        assertThat(year).hasSize(252); // NYSE sessions in 2024
    }

    @Test
    void dailyBarsOnlyOnTradingDaysAtTheSessionOpen() {
        for (Bar b : bars(AAPL, Interval.D1, "2025-12-01T00:00:00Z", "2026-01-10T00:00:00Z")) {
            ZonedDateTime open = Instant.ofEpochMilli(b.t()).atZone(NY);
            assertThat(open.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(open.toLocalDate()).isNotIn(LocalDate.of(2025, 12, 25), LocalDate.of(2026, 1, 1));
            assertThat(open.toLocalTime().toString()).isEqualTo("09:30");
        }
    }

    @Test
    void intradayBarsStayInsideTheRegularSessionAndStopEarlyOnEarlyCloses() {
        List<Bar> minutes = bars(AAPL, Interval.M1, "2025-11-28T00:00:00Z", "2025-11-29T00:00:00Z"); // day after Thanksgiving
        assertThat(minutes).isNotEmpty();
        assertThat(minutes).allSatisfy(b -> {
            var t = Instant.ofEpochMilli(b.t()).atZone(NY).toLocalTime();
            assertThat(t).isBetween(java.time.LocalTime.of(9, 30), java.time.LocalTime.of(12, 59));
        });
    }

    @Test
    void longerBarsAreAggregatesOfMinuteBars() {
        String from = "2025-03-03T00:00:00Z";
        String to = "2025-03-04T00:00:00Z";
        List<Bar> minutes = bars(AAPL, Interval.M1, from, to);
        Bar day = bars(AAPL, Interval.D1, from, to).get(0);
        assertThat(day.o()).isEqualTo(minutes.get(0).o());
        assertThat(day.c()).isEqualTo(minutes.get(minutes.size() - 1).c());
        assertThat(day.h()).isEqualTo(minutes.stream().mapToDouble(Bar::h).max().orElseThrow());
        assertThat(day.l()).isEqualTo(minutes.stream().mapToDouble(Bar::l).min().orElseThrow());
        assertThat(day.v()).isEqualTo(minutes.stream().mapToLong(Bar::v).sum());
        List<Bar> hours = bars(AAPL, Interval.H1, from, to);
        assertThat(hours).hasSize(7); // 09:30, 10:30, ... 15:30 (a half hour)
        assertThat(hours.stream().mapToLong(Bar::v).sum()).isEqualTo(day.v());
    }

    @Test
    void pricesHaveTheInstrumentsMagnitudeAndCurrencyPrecision() {
        Bar aapl = bars(AAPL, Interval.D1, "2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z").get(0);
        assertThat(aapl.c()).isCloseTo(243.85, within(0.01));
        Bar masi = bars(MASI, Interval.D1, "2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z").get(0);
        assertThat(masi.c()).isCloseTo(14900, within(1.0));
        assertThat(masi.v()).isZero();
        // the FX day of 2 January opens at 17:00 New York on the 1st
        Bar usd = bars(USDMAD, Interval.D1, "2025-01-01T20:00:00Z", "2025-01-02T20:00:00Z").get(0);
        assertThat(usd.c()).isCloseTo(10.05, within(0.0001));
        assertThat(usd.c() * 10_000).isCloseTo(Math.rint(usd.c() * 10_000), within(1e-6));
        Bar unknown = bars(UNKNOWN, Interval.D1, "2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z").get(0);
        assertThat(unknown.c()).isBetween(5.0, 600.0);
    }

    @Test
    void casablancaBarsFollowTheBourseSessionsAndThinTradingLeavesGaps() {
        LocalDate day = LocalDate.of(2025, 3, 3); // in Ramadan 2025: reduced hours, UTC+0
        TradingSession s = CALENDARS.of(Market.CSE).session(day).orElseThrow();
        List<Bar> minutes = bars(ATW, Interval.M1, "2025-03-03T00:00:00Z", "2025-03-04T00:00:00Z");
        assertThat(minutes).isNotEmpty();
        assertThat(minutes).allSatisfy(b -> assertThat(b.t())
                .isGreaterThanOrEqualTo(s.regularOpen().toEpochMilli())
                .isLessThan(s.regularClose().toEpochMilli()));
        long sessionMinutes = (s.regularClose().toEpochMilli() - s.regularOpen().toEpochMilli()) / 60_000;
        assertThat(minutes.size()).isGreaterThan(100);
        // Crédit du Maroc trades ~1,500 shares a day: most minutes have no trade, and no bar
        List<Bar> thin = bars(CDM, Interval.M1, "2025-03-03T00:00:00Z", "2025-03-04T00:00:00Z");
        assertThat((long) thin.size()).isBetween(1L, sessionMinutes / 2);
    }

    @Test
    void weeklyAndMonthlyBarsOpenWithTheirFirstSession() {
        List<Bar> weeks = bars(AAPL, Interval.W1, "2025-01-06T00:00:00Z", "2025-02-01T00:00:00Z");
        // Martin Luther King Day, Monday 20 January: that week's bar opens on Tuesday
        assertThat(weeks).extracting(b -> Instant.ofEpochMilli(b.t()).atZone(NY).toLocalDate()).containsExactly(
                LocalDate.of(2025, 1, 6), LocalDate.of(2025, 1, 13), LocalDate.of(2025, 1, 21), LocalDate.of(2025, 1, 27));
        List<Bar> months = bars(AAPL, Interval.MO1, "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z");
        assertThat(months).hasSize(6);
        assertThat(months).allSatisfy(b -> assertThat(Instant.ofEpochMilli(b.t()).atZone(NY).getDayOfMonth()).isLessThanOrEqualTo(4));
    }

    @Test
    void fxTradesAroundTheClockOnWeekdaysOnly() {
        List<Bar> hours = bars(USDMAD, Interval.H1, "2025-03-07T00:00:00Z", "2025-03-11T00:00:00Z");
        assertThat(hours).allSatisfy(b -> {
            ZonedDateTime ny = Instant.ofEpochMilli(b.t()).atZone(NY);
            boolean weekend = ny.getDayOfWeek() == DayOfWeek.SATURDAY
                    || (ny.getDayOfWeek() == DayOfWeek.FRIDAY && ny.getHour() >= 17)
                    || (ny.getDayOfWeek() == DayOfWeek.SUNDAY && ny.getHour() < 17);
            assertThat(weekend).as("bar at %s", ny).isFalse();
        });
        assertThat(hours.size()).isGreaterThan(24 * 2);
    }
}
