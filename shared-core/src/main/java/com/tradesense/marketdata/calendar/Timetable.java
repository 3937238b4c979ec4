package com.tradesense.marketdata.calendar;

import com.tradesense.marketdata.calendar.CalendarDefinition.DatedEntry;
import com.tradesense.marketdata.calendar.CalendarDefinition.Observance;
import com.tradesense.marketdata.calendar.CalendarDefinition.Rule;
import com.tradesense.marketdata.calendar.CalendarDefinition.TemplatePeriod;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The precomputed tables of one calendar definition, shared by every market using it (the four US venues share
 * the NYSE's). Built once; immutable afterwards.
 *
 * <p>Per day (from {@link #firstDay} minus a margin): the {@link SessionKind}, the template and the holiday name,
 * and a {@link BitSet} of trading days, like Strata's {@code ImmutableHolidayCalendar}. Over the whole range: the
 * timeline of scheduled phases as sorted segment starts (epoch seconds) with their phase, and the sorted regular
 * session opens and closes, so that a status lookup is two or three binary searches.
 */
final class Timetable {

    /** Days computed before the first and after the last supported year, so FX's rollover and neighbours work. */
    private static final int MARGIN_DAYS = 14;

    final CalendarDefinition def;
    final ZoneId ruleZone;
    final int firstYear;
    final int lastYear;
    final LocalDate firstDay;
    final LocalDate lastDay;
    /** Epoch day of index 0 of the per-day arrays. */
    final long baseEpochDay;
    final SessionKind[] kinds;
    final byte[] templateOf;
    final String[] reasons;
    final BitSet trading;
    final List<String> templateNames;
    final List<SessionTemplate> templates;
    /** All holidays and early closes within the supported range, sorted by date. */
    final List<Holiday> holidays;
    final long[] holidayEpochDays;
    /** Timeline of phases: segment i covers [segStart[i], segStart[i+1]). Gaps are CLOSED segments. */
    final long[] segStart;
    final MarketPhase[] segPhase;
    /** Regular sessions, ascending: open and close epoch seconds, and the same as zoned date-times. */
    final long[] opens;
    final long[] closes;
    /** Zone that statuses are reported in (the market zone, UTC for FX). */
    final ZoneId displayZone;
    final ZonedDateTime[] openTimes;
    final ZonedDateTime[] closeTimes;
    /**
     * Per display-zone day: the segment in force at the day's first instant, and the first open and close at or
     * after it, so a lookup starts next to its answer instead of binary-searching the whole range.
     */
    final int[] daySegment;
    final int[] dayFirstOpen;
    final int[] dayFirstClose;

    Timetable(CalendarDefinition def, ZoneId displayZone) {
        this.def = def;
        this.displayZone = displayZone;
        this.ruleZone = def.ruleZone;
        this.firstYear = def.firstYear;
        this.lastYear = def.lastYear;
        this.firstDay = LocalDate.of(firstYear, 1, 1);
        this.lastDay = LocalDate.of(lastYear, 12, 31);
        LocalDate start = firstDay.minusDays(MARGIN_DAYS);
        LocalDate end = lastDay.plusDays(MARGIN_DAYS);
        this.baseEpochDay = start.toEpochDay();
        int n = (int) (end.toEpochDay() - baseEpochDay + 1);

        templateNames = List.copyOf(def.templates.keySet());
        List<SessionTemplate> ts = new ArrayList<>();
        def.templates.forEach((name, phases) -> ts.add(new SessionTemplate(name, phases)));
        templates = List.copyOf(ts);

        // 1. Closures: rule holidays, announced holidays, one-off closures.
        TreeMap<LocalDate, List<Holiday>> byDate = new TreeMap<>();
        Set<LocalDate> cancelled = new HashSet<>();
        def.entries.stream().filter(e -> e.kind().equals("cancel")).forEach(e -> cancelled.add(e.date()));
        for (Rule r : def.rules) {
            if (r.earlyClose()) {
                continue;
            }
            for (int y = Math.max(firstYear - 1, r.fromYear()); y <= Math.min(lastYear + 1, r.toYear()); y++) {
                LocalDate d = observe(r.date().dateIn(y).plusDays(r.shiftDays()), r.observance());
                if (d != null && !cancelled.contains(d)) {
                    add(byDate, new Holiday(d, r.name(), HolidayStatus.CLOSED, null, false, r.source()));
                }
            }
        }
        for (DatedEntry e : def.entries) {
            if (e.kind().equals("closure") || e.kind().equals("holiday-date")) {
                for (int i = 0; i < e.days(); i++) {
                    // announced holidays name their second day; a multi-day closure keeps one name
                    String name = i == 0 || e.kind().equals("closure") ? e.name() : e.name() + " (day " + (i + 1) + ")";
                    add(byDate, new Holiday(e.date().plusDays(i), name, HolidayStatus.CLOSED, null, e.estimated(),
                            e.source()));
                }
            }
        }
        // 2. Early closes: only on days that would otherwise trade.
        for (Rule r : def.rules) {
            if (!r.earlyClose()) {
                continue;
            }
            for (int y = Math.max(firstYear - 1, r.fromYear()); y <= Math.min(lastYear + 1, r.toYear()); y++) {
                LocalDate d = r.date().dateIn(y).plusDays(r.shiftDays());
                if (r.weekdays().contains(d.getDayOfWeek()) && !def.weekend.contains(d.getDayOfWeek())
                        && !byDate.containsKey(d) && !cancelled.contains(d)) {
                    add(byDate, new Holiday(d, r.name(), HolidayStatus.EARLY_CLOSE, closeTimeOf(r.template()), false,
                            r.source()));
                }
            }
        }
        for (DatedEntry e : def.entries) {
            if (e.kind().equals("early-close-date")) {
                add(byDate, new Holiday(e.date(), e.name(), HolidayStatus.EARLY_CLOSE, closeTimeOf(e.template()),
                        e.estimated(), e.source()));
            }
        }
        Map<LocalDate, String> earlyTemplate = new TreeMap<>();
        def.rules.stream().filter(Rule::earlyClose).forEach(r -> {
            for (int y = firstYear - 1; y <= lastYear + 1; y++) {
                earlyTemplate.putIfAbsent(r.date().dateIn(y).plusDays(r.shiftDays()), r.template());
            }
        });
        def.entries.stream().filter(e -> e.kind().equals("early-close-date"))
                .forEach(e -> earlyTemplate.put(e.date(), e.template()));

        // 3. Per-day tables.
        kinds = new SessionKind[n];
        templateOf = new byte[n];
        reasons = new String[n];
        trading = new BitSet(n);
        byte regular = (byte) templateNames.indexOf(def.defaultTemplate);
        for (int i = 0; i < n; i++) {
            LocalDate d = LocalDate.ofEpochDay(baseEpochDay + i);
            List<Holiday> hs = byDate.get(d);
            boolean weekend = def.weekend.contains(d.getDayOfWeek());
            templateOf[i] = regular;
            if (hs != null && hs.get(0).status() == HolidayStatus.CLOSED) {
                kinds[i] = SessionKind.HOLIDAY;
                reasons[i] = hs.get(0).name();
            } else if (weekend) {
                kinds[i] = SessionKind.WEEKEND;
            } else if (hs != null) {
                kinds[i] = SessionKind.EARLY_CLOSE;
                reasons[i] = hs.get(0).name();
                templateOf[i] = (byte) templateNames.indexOf(earlyTemplate.getOrDefault(d, "early_close"));
                trading.set(i);
            } else {
                kinds[i] = SessionKind.REGULAR;
                trading.set(i);
            }
        }
        for (TemplatePeriod p : def.periods) {
            byte t = (byte) templateNames.indexOf(p.template());
            for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) {
                int i = (int) (d.toEpochDay() - baseEpochDay);
                if (i >= 0 && i < n && kinds[i] == SessionKind.REGULAR) {
                    templateOf[i] = t;
                }
            }
        }

        // 4. Holidays list within the supported range.
        List<Holiday> all = new ArrayList<>();
        byDate.subMap(firstDay, true, lastDay, true).values().forEach(all::addAll);
        holidays = List.copyOf(all);
        holidayEpochDays = holidays.stream().mapToLong(h -> h.date().toEpochDay()).toArray();

        // 5. Timeline of phases and regular sessions.
        List<long[]> windows = new ArrayList<>(); // {start, end, phaseOrdinal}
        List<long[]> sessions = new ArrayList<>();
        for (int i = trading.nextSetBit(0); i >= 0; i = trading.nextSetBit(i + 1)) {
            LocalDate d = LocalDate.ofEpochDay(baseEpochDay + i);
            for (PhaseTime p : def.templates.get(templateNames.get(templateOf[i]))) {
                long s = epochSecond(p.startsPreviousDay() ? d.minusDays(1) : d, p.start());
                long e = epochSecond(d, p.end());
                windows.add(new long[] {s, e, p.phase().ordinal()});
                if (p.phase() == def.regularPhase) {
                    sessions.add(new long[] {s, e});
                }
            }
        }
        windows.sort(Comparator.comparingLong(w -> w[0]));
        long[] starts = new long[windows.size() * 2 + 1];
        MarketPhase[] phases = new MarketPhase[starts.length];
        int k = 0;
        long cursor = Long.MIN_VALUE;
        MarketPhase[] all8 = MarketPhase.values();
        for (long[] w : windows) {
            if (w[0] < cursor) {
                throw new IllegalStateException(def.resource + ": overlapping phases at " + Instant.ofEpochSecond(w[0]));
            }
            if (w[0] > cursor) {
                starts[k] = cursor;
                phases[k++] = MarketPhase.CLOSED;
            }
            starts[k] = w[0];
            phases[k++] = all8[(int) w[2]];
            cursor = w[1];
        }
        starts[k] = cursor;
        phases[k++] = MarketPhase.CLOSED;
        segStart = Arrays.copyOf(starts, k);
        segPhase = Arrays.copyOf(phases, k);
        // Back-to-back sessions are one stretch of trading for a client: FX's daily sessions join
        // into the week (Sunday 17:00 to Friday 17:00 New York), so nextClose is the weekly close.
        List<long[]> stretches = new ArrayList<>();
        for (long[] s : sessions) {
            long[] last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
            if (last != null && last[1] == s[0]) {
                last[1] = s[1];
            } else {
                stretches.add(new long[]{s[0], s[1]});
            }
        }
        opens = stretches.stream().mapToLong(s -> s[0]).toArray();
        closes = stretches.stream().mapToLong(s -> s[1]).toArray();
        // Precomputed so that statusAt allocates nothing for nextOpen/nextClose.
        openTimes = Arrays.stream(opens).mapToObj(s -> Instant.ofEpochSecond(s).atZone(displayZone))
                .toArray(ZonedDateTime[]::new);
        closeTimes = Arrays.stream(closes).mapToObj(s -> Instant.ofEpochSecond(s).atZone(displayZone))
                .toArray(ZonedDateTime[]::new);
        daySegment = new int[n];
        dayFirstOpen = new int[n];
        dayFirstClose = new int[n];
        for (int i = 0; i < n; i++) {
            long dayStart = LocalDate.ofEpochDay(baseEpochDay + i).atStartOfDay(displayZone).toEpochSecond();
            daySegment[i] = floorIndex(segStart, dayStart);
            dayFirstOpen[i] = higherIndex(opens, dayStart - 1);
            dayFirstClose[i] = higherIndex(closes, dayStart - 1);
        }
    }

    /** The segment in force at {@code epochSecond}, which falls on display-zone day {@code dayIndex}. */
    int segmentAt(int dayIndex, long epochSecond) {
        int k = daySegment[dayIndex];
        while (k + 1 < segStart.length && segStart[k + 1] <= epochSecond) {
            k++;
        }
        return k;
    }

    /** Index of the first element of {@code sorted} after {@code epochSecond}, starting the scan at {@code from}. */
    static int firstAfter(long[] sorted, int from, long epochSecond) {
        int k = from;
        while (k < sorted.length && sorted[k] <= epochSecond) {
            k++;
        }
        return k;
    }

    private long epochSecond(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, ruleZone).toEpochSecond();
    }

    private LocalDate observe(LocalDate d, Observance o) {
        DayOfWeek dow = d.getDayOfWeek();
        return switch (o) {
            case NONE -> d;
            case NEAREST_WEEKDAY -> dow == DayOfWeek.SATURDAY ? d.minusDays(1)
                    : dow == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
            case SUNDAY_TO_MONDAY -> dow == DayOfWeek.SATURDAY ? null : dow == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
        };
    }

    private LocalTime closeTimeOf(String template) {
        return def.templates.get(template).stream().filter(p -> p.phase() == def.regularPhase).findFirst()
                .orElseThrow().end();
    }

    private static void add(TreeMap<LocalDate, List<Holiday>> byDate, Holiday h) {
        byDate.computeIfAbsent(h.date(), k -> new ArrayList<>()).add(h);
    }

    /** Index of {@code date} in the per-day arrays, or -1 outside the computed days. */
    int indexOf(long epochDay) {
        long i = epochDay - baseEpochDay;
        return i >= 0 && i < kinds.length ? (int) i : -1;
    }

    /** Index of the last element {@code <= key}, or -1. */
    static int floorIndex(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i : -i - 2;
    }

    /** Index of the first element {@code > key}, or {@code sorted.length}. */
    static int higherIndex(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The session of the trading day at {@code index}. */
    TradingSession session(int index) {
        LocalDate d = LocalDate.ofEpochDay(baseEpochDay + index);
        List<PhaseWindow> windows = new ArrayList<>();
        Instant open = null;
        Instant close = null;
        for (PhaseTime p : def.templates.get(templateNames.get(templateOf[index]))) {
            Instant s = Instant.ofEpochSecond(epochSecond(p.startsPreviousDay() ? d.minusDays(1) : d, p.start()));
            Instant e = Instant.ofEpochSecond(epochSecond(d, p.end()));
            windows.add(new PhaseWindow(p.phase(), s, e));
            if (p.phase() == def.regularPhase) {
                open = s;
                close = e;
            }
        }
        windows.sort(Comparator.comparing(PhaseWindow::start));
        return new TradingSession(d, kinds[index], windows, open, close);
    }
}
