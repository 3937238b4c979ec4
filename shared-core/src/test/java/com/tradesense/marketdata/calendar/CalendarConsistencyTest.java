package com.tradesense.marketdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.marketdata.domain.Market;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The fast precomputed path (statusAt) against the slow, obvious one (session of the day). */
class CalendarConsistencyTest {

    @ParameterizedTest
    @EnumSource(value = Market.class, names = {"NYSE", "CSE", "FX"})
    void statusAtAgreesWithTheDaySession(Market market) {
        MarketCalendar cal = MarketCalendars.standard().of(market);
        Random random = new Random(42);
        long from = Instant.parse("2000-01-05T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2035-12-25T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
            MarketStatus s = cal.statusAt(at);
            MarketPhase expected = MarketPhase.CLOSED;
            for (int back = -1; back <= 1; back++) {
                LocalDate d = at.atZone(ZoneId.of("America/New_York")).toLocalDate().plusDays(back);
                if (market != Market.FX) {
                    d = at.atZone(market.zone()).toLocalDate().plusDays(back);
                }
                Optional<TradingSession> session = cal.session(d);
                if (session.isPresent() && session.get().phaseAt(at) != MarketPhase.CLOSED) {
                    expected = session.get().phaseAt(at);
                }
            }
            assertThat(s.status()).as("%s at %s", market, at).isEqualTo(expected);
            if (s.nextOpen() != null) {
                assertThat(s.nextOpen().toInstant()).isAfter(at);
                assertThat(cal.isTradingDay(tradingDate(market, s.nextOpen().toInstant()))).isTrue();
            }
            if (s.status() == MarketPhase.OPEN) {
                assertThat(s.nextClose().toInstant()).isAfter(at);
                // FX sessions are contiguous: a close is the next open
                assertThat(s.nextClose().toInstant()).isBeforeOrEqualTo(s.nextOpen().toInstant());
            }
        }
    }

    @Test
    void wireNames() {
        assertThat(MarketPhase.PRE_MARKET.wireName()).isEqualTo("pre_market");
        assertThat(MarketPhase.CLOSING_AUCTION.wireName()).isEqualTo("closing_auction");
        assertThat(SessionKind.EARLY_CLOSE.wireName()).isEqualTo("early_close");
        assertThat(HolidayStatus.CLOSED.wireName()).isEqualTo("closed");
    }

    @Test
    void standardIsCached() {
        assertThat(MarketCalendars.standard()).isSameAs(MarketCalendars.standard());
    }

    private static LocalDate tradingDate(Market market, Instant open) {
        if (market == Market.FX) {
            return open.atZone(ZoneId.of("America/New_York")).toLocalDate().plusDays(1);
        }
        return open.atZone(market.zone()).toLocalDate();
    }
}
