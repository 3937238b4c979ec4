package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.provider.ProviderException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Macro series of the US and Morocco from 2000 to today: real GDP growth, inflation, unemployment and
 * the central bank's policy rate. Annual anchors and the policy decisions up to 2025 come from
 * {@code simulator/economy.csv} (levels like the published ones); monthly and quarterly observations
 * are interpolated between the anchors with deterministic noise, and every series is continued past
 * its last anchor by a mean-reverting random walk (policy rates by simulated decisions at the central
 * bank's usual meeting dates). Only periods that are over by today are published.
 */
final class SimulatedEconomy {
    static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    private static final String RESOURCE = "simulator/economy.csv";
    private static final String LONG_RUN = "long-run";
    /** Policy rates move in quarter points and stay within these bounds (percent). */
    private static final double RATE_STEP = 0.25;
    private static final double MIN_RATE = 0.25;
    private static final double MAX_RATE = 8.0;
    /** Approximate meeting dates: FOMC eight times a year, Bank Al-Maghrib's council once a quarter. */
    private static final Map<String, List<MonthDay>> MEETINGS = Map.of(
            "US", List.of(MonthDay.of(1, 28), MonthDay.of(3, 18), MonthDay.of(4, 29), MonthDay.of(6, 17),
                    MonthDay.of(7, 29), MonthDay.of(9, 16), MonthDay.of(10, 28), MonthDay.of(12, 9)),
            "MA", List.of(MonthDay.of(3, 24), MonthDay.of(6, 23), MonthDay.of(9, 22), MonthDay.of(12, 15)));

    /** A policy-rate decision: the rate (percent) in force from {@code date}. */
    record Decision(LocalDate date, double rate) {
    }

    private record Key(String country, EconomicIndicator indicator) {
    }

    /** Anchors of one series: annual averages by year, or decisions by date, and the long-run level. */
    private static final class Anchors {
        final TreeMap<Integer, Double> annual = new TreeMap<>();
        final TreeMap<LocalDate, Double> decisions = new TreeMap<>();
        double longRun = Double.NaN;
    }

    private final Map<Key, Anchors> anchors;
    private final Clock clock;

    SimulatedEconomy(Clock clock) {
        this.clock = clock;
        this.anchors = load();
    }

    static boolean covers(String country) {
        return MEETINGS.containsKey(country);
    }

    EconomicSeries series(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        Anchors a = anchors.get(new Key(country, indicator));
        if (a == null) {
            throw new ProviderException(SimulatorProvider.ID, ProviderException.Reason.NOT_COVERED,
                    "no " + indicator.wireName() + " series for " + country);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Observation> out = new ArrayList<>();
        String frequency = frequency(country, indicator);
        if (indicator == EconomicIndicator.POLICY_RATE) {
            Decision inForce = null;
            for (Decision d : decisions(country, to.isBefore(today) ? to : today)) {
                if (d.date().isBefore(from)) {
                    inForce = d;
                } else if (!d.date().isAfter(to)) {
                    out.add(new Observation(d.date(), d.rate()));
                }
            }
            if (inForce != null) { // the level at `from`, so a chart of the range starts at the right height
                out.add(0, new Observation(inForce.date(), inForce.rate()));
            }
        } else {
            int months = frequency.equals("monthly") ? 1 : 3;
            long seed = CounterRandom.seedOf(country + "/" + indicator.wireName());
            LocalDate p = from.isBefore(FIRST_DAY) ? FIRST_DAY : from.withDayOfMonth(1);
            p = p.withMonth((p.getMonthValue() - 1) / months * months + 1);
            for (; !p.isAfter(to) && p.plusMonths(months).isBefore(today.plusDays(1)); p = p.plusMonths(months)) {
                if (!p.isBefore(from)) {
                    out.add(new Observation(p, value(a, indicator, seed, p, months)));
                }
            }
        }
        return new EconomicSeries(country, indicator, indicator.unit(), frequency, out,
                new Source(SimulatorProvider.ID, CacheLayer.NONE, false, clock.instant()));
    }

    static String frequency(String country, EconomicIndicator indicator) {
        if (indicator == EconomicIndicator.UNEMPLOYMENT && country.equals("US")) {
            return "monthly"; // BLS publishes monthly; HCP (Morocco) quarterly
        }
        return indicator.frequency();
    }

    /** Decisions from 2000 up to {@code upTo}: the table's, then simulated ones at the usual meeting dates. */
    List<Decision> decisions(String country, LocalDate upTo) {
        Anchors a = anchors.get(new Key(country, EconomicIndicator.POLICY_RATE));
        if (a == null) {
            return List.of();
        }
        List<Decision> out = new ArrayList<>();
        a.decisions.forEach((d, r) -> {
            if (!d.isAfter(upTo)) {
                out.add(new Decision(d, r));
            }
        });
        LocalDate last = a.decisions.lastKey();
        double rate = a.decisions.lastEntry().getValue();
        long seed = CounterRandom.seedOf(country + "/policy-rate");
        for (int year = last.getYear(); year <= upTo.getYear(); year++) {
            for (MonthDay md : MEETINGS.get(country)) {
                LocalDate meeting = md.atYear(year);
                if (!meeting.isAfter(last) || meeting.isAfter(upTo)) {
                    continue;
                }
                long k = meeting.toEpochDay();
                if (CounterRandom.uniform(seed, k) < 0.6) {
                    continue; // most meetings hold
                }
                double pull = a.longRun - rate + 0.5 * CounterRandom.gaussian(seed, k + 100_000);
                double next = Math.max(MIN_RATE, Math.min(MAX_RATE, rate + Math.signum(pull) * RATE_STEP));
                if (next != rate) {
                    rate = next;
                    out.add(new Decision(meeting, rate));
                }
            }
        }
        return out;
    }

    /** The observation of the period starting {@code p}: anchors interpolated at mid-period, plus noise. */
    private static double value(Anchors a, EconomicIndicator indicator, long seed, LocalDate p, int months) {
        LocalDate mid = p.plusDays(months * 15L);
        double x = mid.getYear() + (mid.getDayOfYear() - 0.5) / mid.lengthOfYear() - 0.5; // anchors sit at mid-year
        int y0 = (int) Math.floor(x);
        double w = x - y0;
        double level = (1 - w) * annual(a, indicator, seed, y0) + w * annual(a, indicator, seed, y0 + 1);
        long k = p.getYear() * 12L + p.getMonthValue();
        double sigma = switch (indicator) {
            case GDP -> 0.5;
            case INFLATION -> 0.25;
            default -> months == 1 ? 0.12 : 0.3;
        };
        // a moving average of two draws: neighbouring periods are correlated, as real series are
        double noise = sigma * (CounterRandom.gaussian(seed, k) + CounterRandom.gaussian(seed, k - months)) / Math.sqrt(2);
        double v = level + noise;
        if (indicator == EconomicIndicator.UNEMPLOYMENT) {
            v = Math.max(0.5, v);
        }
        return Math.round(v * 10) / 10.0;
    }

    /** The annual anchor of {@code year}: the table's, the first one before it, a continuation after it. */
    private static double annual(Anchors a, EconomicIndicator indicator, long seed, int year) {
        if (year <= a.annual.firstKey()) {
            return a.annual.firstEntry().getValue();
        }
        int last = a.annual.lastKey();
        if (year <= last) {
            return a.annual.get(year);
        }
        double sigma = switch (indicator) {
            case GDP -> 0.8;
            case INFLATION -> 0.6;
            default -> 0.4;
        };
        double v = a.annual.get(last);
        for (int y = last + 1; y <= year; y++) {
            v += 0.5 * (a.longRun - v) + sigma * CounterRandom.gaussian(seed, -y);
        }
        return v;
    }

    private static Map<Key, Anchors> load() {
        Map<Key, Anchors> map = new HashMap<>();
        SimulatorDataFile.read(RESOURCE, f -> { // country,indicator,period,value
            EconomicIndicator indicator = EconomicIndicator.fromWire(f[1])
                    .orElseThrow(() -> new IllegalArgumentException("unknown indicator " + f[1]));
            Anchors a = map.computeIfAbsent(new Key(f[0], indicator), k -> new Anchors());
            double v = Double.parseDouble(f[3]);
            if (f[2].equals(LONG_RUN)) {
                a.longRun = v;
            } else if (f[2].length() == 4) {
                a.annual.put(Integer.parseInt(f[2]), v);
            } else {
                a.decisions.put(LocalDate.parse(f[2]), v);
            }
        });
        map.forEach((k, a) -> {
            boolean ok = k.indicator() == EconomicIndicator.POLICY_RATE ? !a.decisions.isEmpty() : !a.annual.isEmpty();
            if (!ok || Double.isNaN(a.longRun)) {
                throw new IllegalStateException(RESOURCE + ": " + k + " needs anchors and a long-run level");
            }
        });
        return Map.copyOf(map);
    }
}
