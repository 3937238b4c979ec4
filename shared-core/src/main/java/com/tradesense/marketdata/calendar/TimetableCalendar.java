package com.tradesense.marketdata.calendar;

import com.tradesense.marketdata.domain.Market;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link MarketCalendar} answering from a shared, precomputed {@link Timetable}. */
final class TimetableCalendar implements MarketCalendar {

    private static final int SECONDS_PER_DAY = 86_400;

    private final Market market;
    private final Timetable t;
    private final ZoneId zone;
    private final ZoneRules ruleRules;
    /** Seconds after midnight (rule zone) at which the trading date rolls to the next day; -1 if it does not. */
    private final int rolloverSecond;
    private final long firstEpochDay;
    private final long lastEpochDay;

    TimetableCalendar(Market market, Timetable timetable) {
        this.market = Objects.requireNonNull(market);
        this.t = timetable;
        this.zone = market.zone();
        if (!zone.equals(timetable.displayZone)) {
            throw new IllegalArgumentException(market + " zone " + zone + " differs from its timetable's "
                    + timetable.displayZone);
        }
        this.ruleRules = timetable.ruleZone.getRules();
        this.rolloverSecond = timetable.def.tradingDayRollover == null ? -1
                : timetable.def.tradingDayRollover.toSecondOfDay();
        this.firstEpochDay = timetable.firstDay.toEpochDay();
        this.lastEpochDay = timetable.lastDay.toEpochDay();
    }

    @Override
    public Market market() {
        return market;
    }

    @Override
    public MarketStatus statusAt(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        long localDay = local.toLocalDate().toEpochDay();
        if (localDay < firstEpochDay || localDay > lastEpochDay) {
            throw outOfRange(local.toLocalDate().toString());
        }
        long sec = at.getEpochSecond();
        int localIndex = t.indexOf(localDay);
        int segment = t.segmentAt(localIndex, sec);
        MarketPhase phase = segment < 0 ? MarketPhase.CLOSED : t.segPhase[segment];
        int dayIndex = rolloverSecond < 0 ? localIndex : t.indexOf(tradingEpochDay(at, sec));
        SessionKind kind = t.kinds[dayIndex];
        int next = Timetable.firstAfter(t.opens, t.dayFirstOpen[localIndex], sec);
        ZonedDateTime nextOpen = next < t.openTimes.length ? t.openTimes[next] : null;
        int closing = Timetable.firstAfter(t.closes, t.dayFirstClose[localIndex], sec);
        ZonedDateTime nextClose = closing < t.closeTimes.length ? t.closeTimes[closing] : null;
        return new MarketStatus(market, phase, kind, t.reasons[dayIndex], nextOpen, nextClose, local, zone);
    }

    /** FX: the New York date, plus one from 17:00 New York on. */
    private long tradingEpochDay(Instant at, long sec) {
        long localSec = sec + ruleRules.getOffset(at).getTotalSeconds();
        long day = Math.floorDiv(localSec, SECONDS_PER_DAY);
        return Math.floorMod(localSec, SECONDS_PER_DAY) >= rolloverSecond ? day + 1 : day;
    }

    @Override
    public boolean isTradingDay(LocalDate date) {
        return t.trading.get(checkedIndex(date));
    }

    @Override
    public Optional<TradingSession> session(LocalDate date) {
        int i = checkedIndex(date);
        return t.trading.get(i) ? Optional.of(t.session(i)) : Optional.empty();
    }

    @Override
    public LocalDate nextTradingDay(LocalDate after) {
        int i = t.trading.nextSetBit(checkedIndex(after) + 1);
        return checkedResult(i, "after " + after);
    }

    @Override
    public LocalDate previousTradingDay(LocalDate before) {
        int i = t.trading.previousSetBit(checkedIndex(before) - 1);
        return checkedResult(i, "before " + before);
    }

    @Override
    public List<Holiday> holidays(LocalDate fromInclusive, LocalDate toInclusive) {
        checkedIndex(fromInclusive);
        checkedIndex(toInclusive);
        if (toInclusive.isBefore(fromInclusive)) {
            throw new IllegalArgumentException("holidays: 'from' " + fromInclusive + " is after 'to' " + toInclusive);
        }
        int from = lowerBound(t.holidayEpochDays, fromInclusive.toEpochDay());
        int to = lowerBound(t.holidayEpochDays, toInclusive.toEpochDay() + 1);
        return t.holidays.subList(from, to);
    }

    @Override
    public List<SessionTemplate> sessionTemplates() {
        return t.templates;
    }

    @Override
    public int firstYear() {
        return t.firstYear;
    }

    @Override
    public int lastYear() {
        return t.lastYear;
    }

    private int checkedIndex(LocalDate date) {
        Objects.requireNonNull(date, "date");
        long d = date.toEpochDay();
        if (d < firstEpochDay || d > lastEpochDay) {
            throw outOfRange(date.toString());
        }
        return t.indexOf(d);
    }

    private LocalDate checkedResult(int index, String what) {
        if (index < 0) {
            throw new IllegalArgumentException(market + " calendar has no trading day " + what + " within "
                    + t.firstYear + ".." + t.lastYear);
        }
        LocalDate d = LocalDate.ofEpochDay(t.baseEpochDay + index);
        if (d.getYear() < t.firstYear || d.getYear() > t.lastYear) {
            throw new IllegalArgumentException(market + " calendar has no trading day " + what + " within "
                    + t.firstYear + ".." + t.lastYear);
        }
        return d;
    }

    private IllegalArgumentException outOfRange(String what) {
        return new IllegalArgumentException(market + " calendar covers the years " + t.firstYear + " to "
                + t.lastYear + "; " + what + " is outside that range");
    }

    /** Index of the first element {@code >= key}. */
    private static int lowerBound(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == key) {
            i--;
        }
        return i;
    }

    @Override
    public String toString() {
        return "MarketCalendar[" + market + ", " + t.firstYear + ".." + t.lastYear + "]";
    }
}
