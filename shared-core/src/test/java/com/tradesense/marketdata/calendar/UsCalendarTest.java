package com.tradesense.marketdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.marketdata.domain.Market;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class UsCalendarTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");
    private final MarketCalendar nyse = MarketCalendars.standard().of(Market.NYSE);

    /** Full-day closures per year, as published by the NYSE (and its closings history for past years). */
    static Stream<Arguments> closures() {
        return Stream.of(
                Arguments.of(2000, "01-17 02-21 04-21 05-29 07-04 09-04 11-23 12-25"),
                Arguments.of(2001, "01-01 01-15 02-19 04-13 05-28 07-04 09-03 09-11 09-12 09-13 09-14 11-22 12-25"),
                Arguments.of(2002, "01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25"),
                Arguments.of(2004, "01-01 01-19 02-16 04-09 05-31 06-11 07-05 09-06 11-25 12-24"),
                Arguments.of(2005, "01-17 02-21 03-25 05-30 07-04 09-05 11-24 12-26"),
                Arguments.of(2007, "01-01 01-02 01-15 02-19 04-06 05-28 07-04 09-03 11-22 12-25"),
                Arguments.of(2012, "01-02 01-16 02-20 04-06 05-28 07-04 09-03 10-29 10-30 11-22 12-25"),
                Arguments.of(2018, "01-01 01-15 02-19 03-30 05-28 07-04 09-03 11-22 12-05 12-25"),
                Arguments.of(2019, "01-01 01-21 02-18 04-19 05-27 07-04 09-02 11-28 12-25"),
                Arguments.of(2020, "01-01 01-20 02-17 04-10 05-25 07-03 09-07 11-26 12-25"),
                Arguments.of(2021, "01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24"),
                Arguments.of(2022, "01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26"),
                Arguments.of(2023, "01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25"),
                Arguments.of(2024, "01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 11-28 12-25"),
                Arguments.of(2025, "01-01 01-09 01-20 02-17 04-18 05-26 06-19 07-04 09-01 11-27 12-25"),
                Arguments.of(2026, "01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 11-26 12-25"),
                Arguments.of(2027, "01-01 01-18 02-15 03-26 05-31 06-18 07-05 09-06 11-25 12-24"));
    }

    /** 13:00 early closes per year. */
    static Stream<Arguments> earlyCloses() {
        return Stream.of(
                Arguments.of(2000, "07-03 11-24"),
                Arguments.of(2001, "07-03 11-23 12-24"),
                Arguments.of(2002, "07-05 11-29 12-24"),
                Arguments.of(2003, "07-03 11-28 12-24 12-26"),
                Arguments.of(2013, "07-03 11-29 12-24"),
                Arguments.of(2019, "07-03 11-29 12-24"),
                Arguments.of(2020, "11-27 12-24"),
                Arguments.of(2021, "11-26"),
                Arguments.of(2022, "11-25"),
                Arguments.of(2023, "07-03 11-24"),
                Arguments.of(2024, "07-03 11-29 12-24"),
                Arguments.of(2025, "07-03 11-28 12-24"),
                Arguments.of(2026, "11-27 12-24"),
                Arguments.of(2027, "11-26"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closures")
    void closuresMatchPublishedSchedule(int year, String dates) {
        assertThat(datesOf(year, HolidayStatus.CLOSED)).containsExactlyElementsOf(parse(year, dates));
        for (LocalDate d : parse(year, dates)) {
            assertThat(nyse.isTradingDay(d)).as(d.toString()).isFalse();
            assertThat(nyse.session(d)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("earlyCloses")
    void earlyClosesMatchPublishedSchedule(int year, String dates) {
        assertThat(datesOf(year, HolidayStatus.EARLY_CLOSE)).containsExactlyElementsOf(parse(year, dates));
        for (LocalDate d : parse(year, dates)) {
            TradingSession s = nyse.session(d).orElseThrow();
            assertThat(s.kind()).isEqualTo(SessionKind.EARLY_CLOSE);
            assertThat(s.regularClose()).isEqualTo(d.atTime(13, 0).atZone(NY).toInstant());
            assertThat(s.phases()).last().satisfies(w -> {
                assertThat(w.phase()).isEqualTo(MarketPhase.POST_MARKET);
                assertThat(w.end()).isEqualTo(d.atTime(17, 0).atZone(NY).toInstant());
            });
        }
    }

    @Test
    void earlyCloseHolidaysCarryTheirCloseTime() {
        List<Holiday> h = nyse.holidays(LocalDate.of(2024, 12, 24), LocalDate.of(2024, 12, 25));
        assertThat(h).extracting(Holiday::status).containsExactly(HolidayStatus.EARLY_CLOSE, HolidayStatus.CLOSED);
        assertThat(h.get(0).closeTime()).isEqualTo(LocalTime.of(13, 0));
        assertThat(h.get(1).closeTime()).isNull();
        assertThat(h).allSatisfy(x -> {
            assertThat(x.estimated()).isFalse();
            assertThat(x.source()).isNotBlank();
        });
    }

    @Test
    void newYearOnSaturdayIsNotObservedOnTheFriday() {
        assertThat(nyse.isTradingDay(LocalDate.of(2021, 12, 31))).isTrue();
        assertThat(nyse.isTradingDay(LocalDate.of(2010, 12, 31))).isTrue();
        assertThat(nyse.isTradingDay(LocalDate.of(2022, 1, 3))).isTrue();
        assertThat(nyse.holidays(LocalDate.of(2021, 12, 31), LocalDate.of(2022, 1, 3))).isEmpty();
        assertThat(nyse.isTradingDay(LocalDate.of(2033, 12, 30))).isTrue(); // 2034-01-01 is a Sunday -> Jan 2
        assertThat(nyse.isTradingDay(LocalDate.of(2034, 1, 2))).isFalse();
    }

    @Test
    void saturdayAndSundayHolidaysAreObservedOnFridayAndMonday() {
        assertThat(nyse.holidays(LocalDate.of(2021, 12, 24), LocalDate.of(2021, 12, 24)))
                .extracting(Holiday::name).containsExactly("Christmas Day");
        assertThat(nyse.holidays(LocalDate.of(2022, 6, 20), LocalDate.of(2022, 6, 20)))
                .extracting(Holiday::name).containsExactly("Juneteenth National Independence Day");
        assertThat(nyse.isTradingDay(LocalDate.of(2021, 6, 18))).isTrue(); // before Juneteenth was a holiday
    }

    @Test
    void tradingDayNavigation() {
        assertThat(nyse.nextTradingDay(LocalDate.of(2024, 7, 3))).isEqualTo(LocalDate.of(2024, 7, 5));
        assertThat(nyse.previousTradingDay(LocalDate.of(2024, 7, 5))).isEqualTo(LocalDate.of(2024, 7, 3));
        assertThat(nyse.nextTradingDay(LocalDate.of(2021, 12, 23))).isEqualTo(LocalDate.of(2021, 12, 27));
        assertThat(nyse.previousTradingDay(LocalDate.of(2001, 9, 17))).isEqualTo(LocalDate.of(2001, 9, 10));
        assertThat(nyse.nextTradingDay(LocalDate.of(2024, 12, 27))).isEqualTo(LocalDate.of(2024, 12, 30));
    }

    @Test
    void statusDuringRegularPreAndPostMarketAcrossDst() {
        // Friday before the spring change (EST, UTC-5) and Monday after it (EDT, UTC-4).
        assertPhase("2024-03-08T14:29:59Z", MarketPhase.PRE_MARKET);
        assertPhase("2024-03-08T14:30:00Z", MarketPhase.OPEN);
        assertPhase("2024-03-11T13:29:59Z", MarketPhase.PRE_MARKET);
        assertPhase("2024-03-11T13:30:00Z", MarketPhase.OPEN);
        assertPhase("2024-03-11T20:00:00Z", MarketPhase.POST_MARKET);
        assertPhase("2024-03-12T00:00:00Z", MarketPhase.CLOSED);
        // Around the autumn change: Friday 1 Nov (EDT), Monday 4 Nov (EST).
        assertPhase("2024-11-01T13:30:00Z", MarketPhase.OPEN);
        assertPhase("2024-11-04T13:30:00Z", MarketPhase.PRE_MARKET);
        assertPhase("2024-11-04T14:30:00Z", MarketPhase.OPEN);
        assertPhase("2024-11-04T21:00:00Z", MarketPhase.POST_MARKET);
        assertPhase("2024-11-05T01:00:00Z", MarketPhase.CLOSED);
        assertPhase("2024-11-05T09:00:00Z", MarketPhase.PRE_MARKET);

        MarketStatus s = nyse.statusAt(Instant.parse("2024-03-11T15:00:00Z"));
        assertThat(s.market()).isEqualTo(Market.NYSE);
        assertThat(s.session()).isEqualTo(SessionKind.REGULAR);
        assertThat(s.reason()).isNull();
        assertThat(s.localTime()).isEqualTo(ZonedDateTime.of(2024, 3, 11, 11, 0, 0, 0, NY));
        assertThat(s.timezone()).isEqualTo(NY);
        assertThat(s.nextClose()).isEqualTo(ZonedDateTime.of(2024, 3, 11, 16, 0, 0, 0, NY));
        assertThat(s.nextOpen()).isEqualTo(ZonedDateTime.of(2024, 3, 12, 9, 30, 0, 0, NY));
    }

    @Test
    void statusOnWeekendHolidayAndEarlyClose() {
        MarketStatus sat = nyse.statusAt(Instant.parse("2024-03-09T15:00:00Z"));
        assertThat(sat.status()).isEqualTo(MarketPhase.CLOSED);
        assertThat(sat.session()).isEqualTo(SessionKind.WEEKEND);
        assertThat(sat.reason()).isNull();
        assertThat(sat.nextOpen()).isEqualTo(ZonedDateTime.of(2024, 3, 11, 9, 30, 0, 0, NY));
        assertThat(sat.nextClose()).isEqualTo(ZonedDateTime.of(2024, 3, 11, 16, 0, 0, 0, NY));

        MarketStatus july4 = nyse.statusAt(ZonedDateTime.of(2024, 7, 4, 10, 0, 0, 0, NY).toInstant());
        assertThat(july4.status()).isEqualTo(MarketPhase.CLOSED);
        assertThat(july4.session()).isEqualTo(SessionKind.HOLIDAY);
        assertThat(july4.reason()).isEqualTo("Independence Day");
        assertThat(july4.nextOpen()).isEqualTo(ZonedDateTime.of(2024, 7, 5, 9, 30, 0, 0, NY));

        Instant jul3 = ZonedDateTime.of(2024, 7, 3, 12, 59, 59, 0, NY).toInstant();
        MarketStatus early = nyse.statusAt(jul3);
        assertThat(early.status()).isEqualTo(MarketPhase.OPEN);
        assertThat(early.session()).isEqualTo(SessionKind.EARLY_CLOSE);
        assertThat(early.nextClose()).isEqualTo(ZonedDateTime.of(2024, 7, 3, 13, 0, 0, 0, NY));
        assertThat(nyse.statusAt(jul3.plusSeconds(1)).status()).isEqualTo(MarketPhase.POST_MARKET);
        assertThat(nyse.statusAt(ZonedDateTime.of(2024, 7, 3, 17, 0, 0, 0, NY).toInstant()).status())
                .isEqualTo(MarketPhase.CLOSED);

        MarketStatus sandy = nyse.statusAt(ZonedDateTime.of(2012, 10, 30, 10, 0, 0, 0, NY).toInstant());
        assertThat(sandy.session()).isEqualTo(SessionKind.HOLIDAY);
        assertThat(sandy.reason()).isEqualTo("Hurricane Sandy");
        assertThat(sandy.nextOpen()).isEqualTo(ZonedDateTime.of(2012, 10, 31, 9, 30, 0, 0, NY));
    }

    @ParameterizedTest
    @EnumSource(value = Market.class, names = {"NYSE", "NASDAQ", "AMEX", "OTC"})
    void usVenuesShareTheNyseCalendarButReportTheirOwnMarket(Market m) {
        MarketCalendar c = MarketCalendars.standard().of(m);
        assertThat(c.market()).isEqualTo(m);
        assertThat(c.statusAt(Instant.parse("2024-03-11T15:00:00Z")).market()).isEqualTo(m);
        assertThat(c.holidays(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
                .isEqualTo(nyse.holidays(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        assertThat(c.sessionTemplates()).extracting(SessionTemplate::name).containsExactly("regular", "early_close");
    }

    @Test
    void outsideTheRangeIsRejectedClearly() {
        assertThat(nyse.firstYear()).isEqualTo(2000);
        assertThat(nyse.lastYear()).isEqualTo(2035);
        assertThatThrownBy(() -> nyse.isTradingDay(LocalDate.of(1999, 12, 31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2000 to 2035");
        assertThatThrownBy(() -> nyse.statusAt(Instant.parse("2036-01-01T15:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2036-01-01");
        assertThatThrownBy(() -> nyse.holidays(LocalDate.of(2035, 1, 1), LocalDate.of(2036, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nyse.nextTradingDay(LocalDate.of(2035, 12, 31)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nyse.previousTradingDay(LocalDate.of(2000, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        // the last instants of the range still answer; the next open is computed from the same rules
        MarketStatus last = nyse.statusAt(ZonedDateTime.of(2035, 12, 31, 21, 0, 0, 0, NY).toInstant());
        assertThat(last.nextOpen()).isEqualTo(ZonedDateTime.of(2036, 1, 2, 9, 30, 0, 0, NY));
    }

    private void assertPhase(String instant, MarketPhase expected) {
        assertThat(nyse.statusAt(Instant.parse(instant)).status()).as(instant).isEqualTo(expected);
    }

    private List<LocalDate> datesOf(int year, HolidayStatus status) {
        return nyse.holidays(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).stream()
                .filter(h -> h.status() == status).map(Holiday::date).toList();
    }

    static List<LocalDate> parse(int year, String monthDays) {
        return Stream.of(monthDays.split(" ")).map(md -> LocalDate.parse(year + "-" + md)).toList();
    }
}
