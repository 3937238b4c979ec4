package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.TradingSession;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.bars.BarValidator;
import com.tradesense.marketdata.provider.BarRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the bar adapters share: the engine's stamp for daily bars, and the request window. */
final class VendorBars {
    private VendorBars() {
    }

    /**
     * Daily bars are stamped, as the simulator and the resampler do, at the session's regular open;
     * a date the calendar does not know (outside its years, or a vendor bar on a holiday) keeps
     * midnight in the market's zone.
     */
    static long dailyStamp(MarketCalendar calendar, LocalDate date) {
        try {
            return calendar.session(date).map(TradingSession::regularOpen)
                    .orElseGet(() -> date.atStartOfDay(calendar.market().zone()).toInstant()).toEpochMilli();
        } catch (RuntimeException outsideCalendar) {
            return date.atStartOfDay(calendar.market().zone()).toInstant().toEpochMilli();
        }
    }

    /** Keeps bars in {@code [from, to)}, oldest first; bars that fail {@link BarValidator#repair} were never added. */
    static List<Bar> window(List<Bar> bars, BarRequest request) {
        long from = request.from().toEpochMilli();
        long to = request.to().toEpochMilli();
        List<Bar> out = new ArrayList<>(bars.size());
        for (Bar b : bars) {
            if (b.t() >= from && b.t() < to) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparingLong(Bar::t));
        return out;
    }

    static boolean nativeInterval(Interval i) {
        return i != Interval.W1 && i != Interval.MO1;
    }
}
