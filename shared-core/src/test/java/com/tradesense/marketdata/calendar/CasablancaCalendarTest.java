package com.tradesense.marketdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.marketdata.domain.Market;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CasablancaCalendarTest {

    private static final ZoneId CASA = ZoneId.of("Africa/Casablanca");
    private final MarketCalendar cse = MarketCalendars.standard().of(Market.CSE);

    @Test
    void tzdbPutsRamadanAtUtcAndTheRestOfTheYearAtUtcPlusOne() {
        // Facts of the JDK's tzdb, which the calendar relies on (no hard-coded offset anywhere).
        assertThat(offsetOn(2025, 1, 15)).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(offsetOn(2025, 3, 10)).isEqualTo(ZoneOffset.UTC);   // Ramadan 1446
        assertThat(offsetOn(2025, 5, 5)).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(offsetOn(2026, 3, 2)).isEqualTo(ZoneOffset.UTC);    // Ramadan 1447
        assertThat(offsetOn(2026, 4, 15)).isEqualTo(ZoneOffset.ofHours(1));
    }

    @Test
    void normalDayPhases() {
        // Monday 5 May 2025, UTC+1: 09:30 local = 08:30Z.
        LocalDate d = LocalDate.of(2025, 5, 5);
        assertPhase(d, "08:09", MarketPhase.CLOSED);
        assertPhase(d, "08:10", MarketPhase.PRE_OPEN);
        assertPhase(d, "09:00", MarketPhase.OPENING_AUCTION);
        assertPhase(d, "09:29:59", MarketPhase.OPENING_AUCTION);
        assertPhase(d, "09:30", MarketPhase.OPEN);
        assertPhase(d, "15:19:59", MarketPhase.OPEN);
        assertPhase(d, "15:20", MarketPhase.CLOSING_AUCTION);
        assertPhase(d, "15:31", MarketPhase.POST_MARKET);
        assertPhase(d, "15:55", MarketPhase.CLOSED);

        TradingSession s = cse.session(d).orElseThrow();
        assertThat(s.kind()).isEqualTo(SessionKind.REGULAR);
        assertThat(s.regularOpen()).isEqualTo(Instant.parse("2025-05-05T08:30:00Z"));
        assertThat(s.regularClose()).isEqualTo(Instant.parse("2025-05-05T14:20:00Z"));
        assertThat(s.phases()).extracting(PhaseWindow::phase).containsExactly(MarketPhase.PRE_OPEN,
                MarketPhase.OPENING_AUCTION, MarketPhase.OPEN, MarketPhase.CLOSING_AUCTION, MarketPhase.POST_MARKET);

        MarketStatus st = cse.statusAt(Instant.parse("2025-05-05T09:00:00Z"));
        assertThat(st.status()).isEqualTo(MarketPhase.OPEN);
        assertThat(st.localTime().toLocalTime()).isEqualTo(LocalTime.of(10, 0));
        assertThat(st.localTime().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(st.nextClose()).isEqualTo(ZonedDateTime.of(2025, 5, 5, 15, 20, 0, 0, CASA));
        assertThat(st.nextOpen()).isEqualTo(ZonedDateTime.of(2025, 5, 6, 9, 30, 0, 0, CASA));
    }

    @Test
    void ramadanTimetableAndUtcOffset2025() {
        // Monday 10 March 2025, Ramadan 1446, UTC+0: continuous trading 10:00-13:20 local = UTC.
        LocalDate d = LocalDate.of(2025, 3, 10);
        assertPhase(d, "09:00", MarketPhase.PRE_OPEN);
        assertPhase(d, "09:15", MarketPhase.OPENING_AUCTION);
        assertPhase(d, "10:00", MarketPhase.OPEN);
        assertPhase(d, "13:20", MarketPhase.CLOSING_AUCTION);
        assertPhase(d, "13:35", MarketPhase.POST_MARKET);
        assertPhase(d, "14:00", MarketPhase.CLOSED);
        TradingSession s = cse.session(d).orElseThrow();
        assertThat(s.regularOpen()).isEqualTo(Instant.parse("2025-03-10T10:00:00Z"));
        assertThat(s.regularClose()).isEqualTo(Instant.parse("2025-03-10T13:20:00Z"));
        // Last day of Ramadan 1446 (Sunday 30 March) then Eid on 31 March and 1 April: next session Wed 2 April,
        // normal timetable again.
        TradingSession after = cse.session(LocalDate.of(2025, 4, 2)).orElseThrow();
        assertThat(after.regularOpen().atZone(CASA).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        assertThat(cse.session(LocalDate.of(2025, 3, 28)).orElseThrow().regularOpen().atZone(CASA).toLocalTime())
                .isEqualTo(LocalTime.of(10, 0));
    }

    @Test
    void ramadanTimetableAndUtcOffset2026() {
        TradingSession s = cse.session(LocalDate.of(2026, 3, 2)).orElseThrow();
        assertThat(s.regularOpen()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(s.regularClose()).isEqualTo(Instant.parse("2026-03-02T13:20:00Z"));
        // The day before Ramadan 1447 (Wednesday 18 February 2026): normal timetable.
        TradingSession before = cse.session(LocalDate.of(2026, 2, 18)).orElseThrow();
        assertThat(before.regularOpen().atZone(CASA).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        assertThat(cse.statusAt(Instant.parse("2026-03-02T10:30:00Z")).status()).isEqualTo(MarketPhase.OPEN);
        assertThat(cse.statusAt(Instant.parse("2026-03-02T13:45:00Z")).status()).isEqualTo(MarketPhase.POST_MARKET);
        assertThat(cse.sessionTemplates()).extracting(SessionTemplate::name).containsExactly("regular", "ramadan");
    }

    @Test
    void holidays2025() {
        List<Holiday> h = cse.holidays(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        assertThat(h).extracting(x -> x.date().toString() + " " + x.name()).containsExactly(
                "2025-01-01 New Year's Day",
                "2025-01-11 Independence Manifesto Day",
                "2025-01-14 Amazigh New Year",
                "2025-03-31 Eid al-Fitr",
                "2025-04-01 Eid al-Fitr (day 2)",
                "2025-05-01 Labour Day",
                "2025-06-07 Eid al-Adha",
                "2025-06-08 Eid al-Adha (day 2)",
                "2025-06-27 Islamic New Year (1 Muharram)",
                "2025-07-30 Throne Day",
                "2025-08-14 Oued Eddahab Day",
                "2025-08-20 Revolution of the King and the People",
                "2025-08-21 Youth Day",
                "2025-09-05 Mawlid (Prophet's Birthday)",
                "2025-09-06 Mawlid (Prophet's Birthday) (day 2)",
                "2025-11-06 Green March Day",
                "2025-11-18 Independence Day");
        assertThat(h).allSatisfy(x -> {
            assertThat(x.estimated()).as(x.toString()).isFalse();
            assertThat(x.status()).isEqualTo(HolidayStatus.CLOSED);
            assertThat(x.source()).isNotBlank();
        });
        // No Unity Day in 2025 (decreed on 4 November 2025).
        assertThat(h).noneMatch(x -> x.date().equals(LocalDate.of(2025, 10, 31)));
        assertThat(cse.isTradingDay(LocalDate.of(2025, 10, 31))).isTrue();
    }

    @Test
    void holidays2026WithEstimatedLunarDates() {
        List<Holiday> h = cse.holidays(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(h).extracting(x -> x.date() + " " + x.name() + (x.estimated() ? " ~" : "")).containsExactly(
                "2026-01-01 New Year's Day",
                "2026-01-11 Independence Manifesto Day",
                "2026-01-14 Amazigh New Year",
                "2026-03-20 Eid al-Fitr ~",
                "2026-03-21 Eid al-Fitr (day 2) ~",
                "2026-05-01 Labour Day",
                "2026-05-27 Eid al-Adha ~",
                "2026-05-28 Eid al-Adha (day 2) ~",
                "2026-06-17 Islamic New Year (1 Muharram) ~",
                "2026-07-30 Throne Day",
                "2026-08-14 Oued Eddahab Day",
                "2026-08-20 Revolution of the King and the People",
                "2026-08-21 Youth Day",
                "2026-08-26 Mawlid (Prophet's Birthday) ~",
                "2026-08-27 Mawlid (Prophet's Birthday) (day 2) ~",
                "2026-10-31 Unity Day (Aid Al Wahda)",
                "2026-11-06 Green March Day",
                "2026-11-18 Independence Day");
    }

    @Test
    void futureLunarHolidaysAreEstimatedAndPresentEveryYear() {
        for (int y = 2027; y <= 2035; y++) {
            List<Holiday> lunar = cse.holidays(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)).stream()
                    .filter(x -> x.name().startsWith("Eid") || x.name().startsWith("Mawlid")
                            || x.name().startsWith("Islamic"))
                    .toList();
            assertThat(lunar).as("year %d", y).hasSizeGreaterThanOrEqualTo(7).allMatch(Holiday::estimated);
        }
        for (int y = 2000; y <= 2035; y++) {
            assertThat(cse.holidays(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)))
                    .as("year %d", y).anyMatch(x -> x.name().equals("Eid al-Fitr"))
                    .anyMatch(x -> x.name().equals("Eid al-Adha"));
        }
    }

    @Test
    void weekendHolidaysAreNotMovedAndHolidayStatusCarriesTheName() {
        // Eid al-Adha 2025 fell on Saturday 7 and Sunday 8 June: Friday 6 and Monday 9 June trade.
        assertThat(cse.isTradingDay(LocalDate.of(2025, 6, 6))).isTrue();
        assertThat(cse.isTradingDay(LocalDate.of(2025, 6, 9))).isTrue();
        MarketStatus eid = cse.statusAt(ZonedDateTime.of(2025, 6, 7, 11, 0, 0, 0, CASA).toInstant());
        assertThat(eid.session()).isEqualTo(SessionKind.HOLIDAY);
        assertThat(eid.reason()).isEqualTo("Eid al-Adha");
        assertThat(eid.status()).isEqualTo(MarketPhase.CLOSED);

        MarketStatus labour = cse.statusAt(ZonedDateTime.of(2025, 5, 1, 11, 0, 0, 0, CASA).toInstant());
        assertThat(labour.session()).isEqualTo(SessionKind.HOLIDAY);
        assertThat(labour.reason()).isEqualTo("Labour Day");
        assertThat(labour.nextOpen()).isEqualTo(ZonedDateTime.of(2025, 5, 2, 9, 30, 0, 0, CASA));

        MarketStatus sunday = cse.statusAt(ZonedDateTime.of(2025, 5, 4, 11, 0, 0, 0, CASA).toInstant());
        assertThat(sunday.session()).isEqualTo(SessionKind.WEEKEND);
        assertThat(sunday.reason()).isNull();
    }

    @Test
    void eidAlFitr2025ClosesMondayAndTuesday() {
        assertThat(cse.isTradingDay(LocalDate.of(2025, 3, 31))).isFalse();
        assertThat(cse.isTradingDay(LocalDate.of(2025, 4, 1))).isFalse();
        assertThat(cse.nextTradingDay(LocalDate.of(2025, 3, 28))).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(cse.previousTradingDay(LocalDate.of(2025, 4, 2))).isEqualTo(LocalDate.of(2025, 3, 28));
    }

    private void assertPhase(LocalDate d, String localTime, MarketPhase expected) {
        Instant at = d.atTime(LocalTime.parse(localTime)).atZone(CASA).toInstant();
        assertThat(cse.statusAt(at).status()).as(d + " " + localTime).isEqualTo(expected);
    }

    private static ZoneOffset offsetOn(int y, int m, int d) {
        return CASA.getRules().getOffset(LocalDate.of(y, m, d).atTime(12, 0));
    }
}
