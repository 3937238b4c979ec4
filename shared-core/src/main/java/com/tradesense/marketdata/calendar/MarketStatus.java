package com.tradesense.marketdata.calendar;

import com.tradesense.marketdata.domain.Market;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A market's state at an instant.
 *
 * @param market    the market asked about
 * @param status    the scheduled phase at the instant
 * @param session   the kind of the market-local date (for FX, the trading date, which rolls at 17:00 New York);
 *                  a holiday on a weekend (the CSE does not move them) is {@link SessionKind#HOLIDAY}
 * @param reason    the holiday's name on a holiday or early-close day (as in {@link MarketCalendar#holidays}),
 *                  otherwise {@code null}
 * @param nextOpen  the next start of the regular (continuous) session strictly after the instant, or
 *                  {@code null} when none is known within the calendar's range
 * @param nextClose the end of the current regular session if the instant is in one, else the end of the next;
 *                  {@code null} when none is known
 * @param localTime the instant in the market zone
 * @param timezone  the market zone ({@link Market#zone()})
 */
public record MarketStatus(Market market, MarketPhase status, SessionKind session, String reason,
        ZonedDateTime nextOpen, ZonedDateTime nextClose, ZonedDateTime localTime, ZoneId timezone) {
}
