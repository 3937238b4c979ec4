package com.tradesense.marketdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.marketdata.domain.Market;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FxCalendarTest {

    private final MarketCalendar fx = MarketCalendars.standard().of(Market.FX);

    @Test
    void weekendBoundariesInWinter() {
        // Friday 10 January 2025, 17:00 New York (EST) = 22:00Z.
        MarketStatus before = fx.statusAt(Instant.parse("2025-01-10T21:59:59Z"));
        assertThat(before.status()).isEqualTo(MarketPhase.OPEN);
        assertThat(before.session()).isEqualTo(SessionKind.REGULAR);
        assertThat(before.nextClose().toInstant()).isEqualTo(Instant.parse("2025-01-10T22:00:00Z"));
        assertThat(before.localTime().getOffset()).isEqualTo(ZoneOffset.UTC);

        MarketStatus closed = fx.statusAt(Instant.parse("2025-01-10T22:00:00Z"));
        assertThat(closed.status()).isEqualTo(MarketPhase.CLOSED);
        assertThat(closed.session()).isEqualTo(SessionKind.WEEKEND);
        assertThat(closed.nextOpen().toInstant()).isEqualTo(Instant.parse("2025-01-12T22:00:00Z"));
        // the daily sessions join into one week: the next close is Friday's, not Monday 17:00
        assertThat(closed.nextClose().toInstant()).isEqualTo(Instant.parse("2025-01-17T22:00:00Z"));

        assertThat(fx.statusAt(Instant.parse("2025-01-12T21:59:59Z")).status()).isEqualTo(MarketPhase.CLOSED);
        MarketStatus sundayOpen = fx.statusAt(Instant.parse("2025-01-12T22:00:00Z"));
        assertThat(sundayOpen.status()).isEqualTo(MarketPhase.OPEN);
        assertThat(sundayOpen.session()).isEqualTo(SessionKind.REGULAR); // Monday's trading day
        assertThat(sundayOpen.nextOpen().toInstant()).isEqualTo(Instant.parse("2025-01-19T22:00:00Z"));
        assertThat(sundayOpen.nextClose().toInstant()).isEqualTo(Instant.parse("2025-01-17T22:00:00Z"));
    }

    @Test
    void weekendBoundariesInSummerFollowNewYorkDst() {
        // Friday 11 July 2025, 17:00 EDT = 21:00Z; Sunday 13 July 17:00 EDT = 21:00Z.
        assertThat(fx.statusAt(Instant.parse("2025-07-11T20:59:59Z")).status()).isEqualTo(MarketPhase.OPEN);
        assertThat(fx.statusAt(Instant.parse("2025-07-11T21:00:00Z")).status()).isEqualTo(MarketPhase.CLOSED);
        assertThat(fx.statusAt(Instant.parse("2025-07-13T21:00:00Z")).status()).isEqualTo(MarketPhase.OPEN);
        // The week New York springs forward (Sunday 9 March 2025): opens 17:00 EDT = 21:00Z.
        assertThat(fx.statusAt(Instant.parse("2025-03-09T20:59:59Z")).status()).isEqualTo(MarketPhase.CLOSED);
        assertThat(fx.statusAt(Instant.parse("2025-03-09T21:00:00Z")).status()).isEqualTo(MarketPhase.OPEN);
    }

    @Test
    void tradingDaysAndSessionsAreNewYorkDatesWithoutHolidays() {
        assertThat(fx.isTradingDay(LocalDate.of(2025, 1, 11))).isFalse();
        assertThat(fx.isTradingDay(LocalDate.of(2025, 12, 25))).isTrue(); // no holidays
        assertThat(fx.holidays(LocalDate.of(2000, 1, 1), LocalDate.of(2035, 12, 31))).isEmpty();
        TradingSession monday = fx.session(LocalDate.of(2025, 1, 13)).orElseThrow();
        assertThat(monday.regularOpen()).isEqualTo(Instant.parse("2025-01-12T22:00:00Z"));
        assertThat(monday.regularClose()).isEqualTo(Instant.parse("2025-01-13T22:00:00Z"));
        assertThat(monday.phases()).hasSize(1);
        assertThat(fx.nextTradingDay(LocalDate.of(2025, 1, 10))).isEqualTo(LocalDate.of(2025, 1, 13));
        // Midweek: contiguous, always open; the next close is the end of the week.
        assertThat(fx.statusAt(Instant.parse("2025-01-14T22:00:00Z")).status()).isEqualTo(MarketPhase.OPEN);
        assertThat(fx.statusAt(Instant.parse("2025-01-14T22:00:00Z")).nextClose().toInstant())
                .isEqualTo(Instant.parse("2025-01-17T22:00:00Z"));
    }
}
