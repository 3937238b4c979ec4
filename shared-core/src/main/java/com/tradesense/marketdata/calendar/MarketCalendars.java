package com.tradesense.marketdata.calendar;

import com.tradesense.marketdata.domain.Market;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The calendars of every {@link Market}, loaded once from the classpath data files in {@code calendar/}
 * ({@code us-equities.cal}, {@code xcas.cal}, {@code fx.cal}; see {@code calendar/README.md}). Immutable and
 * thread-safe. NYSE, NASDAQ, AMEX and OTC share the NYSE's rules and tables; each reports its own market.
 */
public final class MarketCalendars {

    static final String US_EQUITIES = "calendar/us-equities.cal";
    static final String CASABLANCA = "calendar/xcas.cal";
    static final String FX = "calendar/fx.cal";

    private final Map<Market, MarketCalendar> calendars;

    private MarketCalendars(Map<Market, MarketCalendar> calendars) {
        this.calendars = calendars;
    }

    /** The calendars built from the bundled data files; built on first use, then cached. */
    public static MarketCalendars standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final MarketCalendars STANDARD = load();
    }

    static MarketCalendars load() {
        Map<Market, MarketCalendar> map = new EnumMap<>(Market.class);
        Timetable us = new Timetable(CalendarDefinition.load(US_EQUITIES), Market.NYSE.zone());
        for (Market m : Market.values()) {
            if (m.isUs()) {
                map.put(m, new TimetableCalendar(m, us));
            }
        }
        map.put(Market.CSE, new TimetableCalendar(Market.CSE,
                new Timetable(CalendarDefinition.load(CASABLANCA), Market.CSE.zone())));
        map.put(Market.FX, new TimetableCalendar(Market.FX,
                new Timetable(CalendarDefinition.load(FX), Market.FX.zone())));
        for (Market m : Market.values()) {
            if (!map.containsKey(m)) {
                throw new IllegalStateException("no calendar for " + m);
            }
        }
        return new MarketCalendars(map);
    }

    /** The calendar of {@code market}. */
    public MarketCalendar of(Market market) {
        return calendars.get(Objects.requireNonNull(market, "market"));
    }
}
