package com.tradesense.marketdata.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A market calendar as written in a {@code calendar/*.cal} resource: a small line format, one directive per line,
 * {@code #} starts a comment, names in double quotes, options as {@code key=value}. The format is described in
 * {@code calendar/README.md}. This class only parses; {@link Timetable} turns the definition into tables.
 */
final class CalendarDefinition {

    /** How a fixed-date holiday falling on a weekend is observed. */
    enum Observance {
        /** Kept on its date, weekend or not (Morocco). */
        NONE,
        /** Saturday → Friday before, Sunday → Monday after (US federal rule). */
        NEAREST_WEEKDAY,
        /** Sunday → Monday after; Saturday → not observed (NYSE New Year's Day). */
        SUNDAY_TO_MONDAY
    }

    /** A yearly rule producing at most one date per year. */
    record DateRule(String kind, MonthDay monthDay, int month, int nth, DayOfWeek dayOfWeek, int easterOffset) {

        LocalDate dateIn(int year) {
            return switch (kind) {
                case "fixed" -> monthDay.atYear(year);
                case "nth" -> LocalDate.of(year, month, 1)
                        .with(TemporalAdjusters.dayOfWeekInMonth(nth, dayOfWeek));
                case "last" -> LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(dayOfWeek));
                case "easter" -> easterSunday(year).plusDays(easterOffset);
                default -> throw new IllegalStateException(kind);
            };
        }
    }

    /** {@code holiday} or {@code early-close} rule. */
    record Rule(boolean earlyClose, DateRule date, String name, Observance observance, int fromYear, int toYear,
            int shiftDays, Set<DayOfWeek> weekdays, String template, String source) {
    }

    /** A dated entry: one-off closure, one-off early close, announced holiday, cancellation. */
    record DatedEntry(String kind, LocalDate date, int days, String name, boolean estimated, String template,
            String source) {
    }

    /** A period during which trading days use another template (the CSE's Ramadan timetable). */
    record TemplatePeriod(String template, LocalDate from, LocalDate to, boolean estimated, String source) {
    }

    final String resource;
    ZoneId ruleZone;
    int firstYear;
    int lastYear;
    Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    LocalTime tradingDayRollover;
    MarketPhase regularPhase = MarketPhase.OPEN;
    String defaultTemplate = "regular";
    final Map<String, List<PhaseTime>> templates = new LinkedHashMap<>();
    final List<Rule> rules = new ArrayList<>();
    final List<DatedEntry> entries = new ArrayList<>();
    final List<TemplatePeriod> periods = new ArrayList<>();

    private CalendarDefinition(String resource) {
        this.resource = resource;
    }

    static CalendarDefinition load(String resource) {
        InputStream in = CalendarDefinition.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("calendar data file not found on the classpath: " + resource);
        }
        CalendarDefinition def = new CalendarDefinition(resource);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            String source = null;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                try {
                    source = def.parseLine(line, source);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": " + e.getMessage() + " in: " + line, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        def.validate();
        return def;
    }

    /** Parses one line; returns the source in force for the following lines. */
    private String parseLine(String raw, String source) {
        List<String> tokens = tokenize(raw);
        if (tokens.isEmpty()) {
            return source;
        }
        Map<String, String> opts = new HashMap<>();
        List<String> pos = new ArrayList<>();
        String name = null;
        for (String t : tokens) {
            if (t.startsWith("\"")) {
                name = t.substring(1);
            } else if (t.indexOf('=') > 0) {
                int eq = t.indexOf('=');
                String value = t.substring(eq + 1);
                opts.put(t.substring(0, eq), value.startsWith("\"") ? value.substring(1) : value);
            } else {
                pos.add(t);
            }
        }
        String src = opts.getOrDefault("source", source);
        switch (pos.get(0)) {
            case "source" -> {
                return name;
            }
            case "zone" -> ruleZone = ZoneId.of(pos.get(1));
            case "range" -> {
                firstYear = Integer.parseInt(pos.get(1));
                lastYear = Integer.parseInt(pos.get(2));
            }
            case "weekend" -> {
                weekend = EnumSet.noneOf(DayOfWeek.class);
                pos.subList(1, pos.size()).forEach(d -> weekend.add(DayOfWeek.valueOf(d)));
            }
            case "trading-day-rollover" -> tradingDayRollover = LocalTime.parse(pos.get(1));
            case "regular-phase" -> regularPhase = MarketPhase.valueOf(pos.get(1));
            case "template" -> templates.computeIfAbsent(pos.get(1), k -> new ArrayList<>()).add(new PhaseTime(
                    MarketPhase.valueOf(pos.get(2)), LocalTime.parse(pos.get(3)), LocalTime.parse(pos.get(4))));
            case "holiday", "early-close" -> rules.add(parseRule(pos, name, opts, src));
            case "closure", "early-close-date", "holiday-date", "cancel" -> {
                LocalDate from = LocalDate.parse(pos.get(1));
                int days = Integer.parseInt(opts.getOrDefault("days", "1"));
                entries.add(new DatedEntry(pos.get(0), from, days, require(name, "a quoted name"),
                        Boolean.parseBoolean(opts.getOrDefault("estimated", "false")),
                        opts.getOrDefault("template", "early_close"), src));
            }
            case "template-period" -> periods.add(new TemplatePeriod(pos.get(1), LocalDate.parse(pos.get(2)),
                    LocalDate.parse(pos.get(3)), Boolean.parseBoolean(opts.getOrDefault("estimated", "false")), src));
            default -> throw new IllegalArgumentException("unknown directive '" + pos.get(0) + "'");
        }
        return source;
    }

    private static Rule parseRule(List<String> pos, String name, Map<String, String> opts, String source) {
        String kind = pos.get(1);
        DateRule date = switch (kind) {
            case "fixed" -> new DateRule(kind, MonthDay.parse("--" + pos.get(2)), 0, 0, null, 0);
            case "nth" -> new DateRule(kind, null, Integer.parseInt(pos.get(2)), Integer.parseInt(pos.get(3)),
                    DayOfWeek.valueOf(pos.get(4)), 0);
            case "last" -> new DateRule(kind, null, Integer.parseInt(pos.get(2)), 0, DayOfWeek.valueOf(pos.get(3)), 0);
            case "easter" -> new DateRule(kind, null, 0, 0, null, Integer.parseInt(pos.get(2)));
            default -> throw new IllegalArgumentException("unknown date rule '" + kind + "'");
        };
        Set<DayOfWeek> weekdays = EnumSet.allOf(DayOfWeek.class);
        if (opts.containsKey("weekdays")) {
            weekdays = EnumSet.noneOf(DayOfWeek.class);
            for (String d : opts.get("weekdays").split(",")) {
                weekdays.add(DayOfWeek.valueOf(d));
            }
        }
        return new Rule("early-close".equals(pos.get(0)), date, require(name, "a quoted name"),
                Observance.valueOf(opts.getOrDefault("observe", "none").toUpperCase(Locale.ROOT).replace('-', '_')),
                Integer.parseInt(opts.getOrDefault("from", "0")), Integer.parseInt(opts.getOrDefault("to", "9999")),
                Integer.parseInt(opts.getOrDefault("shift", "0")), weekdays,
                opts.getOrDefault("template", "early_close"), source);
    }

    private void validate() {
        if (ruleZone == null || firstYear == 0 || lastYear < firstYear) {
            throw new IllegalStateException(resource + ": needs 'zone' and 'range'");
        }
        if (!templates.containsKey(defaultTemplate)) {
            throw new IllegalStateException(resource + ": needs a '" + defaultTemplate + "' template");
        }
        templates.forEach((name, phases) -> {
            if (phases.stream().filter(p -> p.phase() == regularPhase).count() != 1) {
                throw new IllegalStateException(resource + ": template " + name + " needs exactly one "
                        + regularPhase + " phase");
            }
        });
        rules.stream().filter(Rule::earlyClose).forEach(r -> requireTemplate(r.template()));
        entries.stream().filter(e -> e.kind().equals("early-close-date")).forEach(e -> requireTemplate(e.template()));
        periods.forEach(p -> requireTemplate(p.template()));
    }

    private void requireTemplate(String name) {
        if (!templates.containsKey(name)) {
            throw new IllegalStateException(resource + ": unknown template " + name);
        }
    }

    private static String require(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        return value;
    }

    /** Splits on whitespace, keeping "quoted strings" (and key="quoted values") whole; drops # comments. */
    static List<String> tokenize(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                }
                // the opening quote is kept as a marker of a quoted token; the closing one is dropped
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
