package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.CorporateAction.CashDividend;
import com.tradesense.marketdata.domain.CorporateAction.Split;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.Listing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's corporate actions: the real split history of well-known listings
 * ({@code simulator/splits.csv}) and synthetic cash dividends in each market's habit: quarterly for
 * US dividend payers and ETFs, once a year after the annual general meeting (June) in Casablanca.
 * Indices and currency pairs have none.
 *
 * <p>The simulator's random walk is the split-adjusted price path; raw (as traded) prices are that
 * path times {@link #rawPriceFactor} so that they jump at each split, as real raw prices do.
 */
final class SimulatedCorporateActions {
    static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    private static final String SPLITS = "simulator/splits.csv";
    private static final long DIVIDEND_SALT = 0xd1d1_d1d1L;

    private final Map<String, List<Split>> splits;

    private SimulatedCorporateActions(Map<String, List<Split>> splits) {
        this.splits = splits;
    }

    static SimulatedCorporateActions load() {
        Map<String, List<Split>> map = new HashMap<>();
        SimulatorDataFile.read(SPLITS, f -> map.computeIfAbsent(f[0], k -> new ArrayList<>()) // symbol,exDate,ratio
                .add(new Split(LocalDate.parse(f[1]), Double.parseDouble(f[2]), SimulatorProvider.ID)));
        map.values().forEach(l -> l.sort(Comparator.comparing(Split::exDate)));
        return new SimulatedCorporateActions(Map.copyOf(map));
    }

    List<Split> splits(String symbol) {
        return splits.getOrDefault(symbol, List.of());
    }

    /** Raw price = split-adjusted price × this: the product of the ratios of splits after {@code date}. */
    double rawPriceFactor(String symbol, LocalDate date) {
        double f = 1.0;
        for (Split s : splits(symbol)) {
            if (s.exDate().isAfter(date)) {
                f *= s.ratio();
            }
        }
        return f;
    }

    /**
     * Every action effective in {@code [from, to]}, oldest first. Dividend amounts are a seeded yield
     * on the raw close of the session before the ex-date, rounded to the currency's smallest unit.
     */
    List<CorporateAction> actions(Listing listing, InstrumentProfile profile, MarketCalendar calendar, LocalDate from, LocalDate to) {
        List<CorporateAction> out = new ArrayList<>();
        for (Split s : splits(listing.symbol())) {
            if (!s.exDate().isBefore(from) && !s.exDate().isAfter(to)) {
                out.add(s);
            }
        }
        DividendHabit habit = DividendHabit.of(listing, profile);
        if (habit != null) {
            SimulatedPrices prices = new SimulatedPrices(profile);
            LocalDate start = from.isBefore(FIRST) ? FIRST : from;
            for (int year = start.getYear(); year <= to.getYear() && year <= calendar.lastYear(); year++) {
                for (int month : habit.months) {
                    LocalDate ex = habit.exDate(year, month, profile.seed());
                    if (!calendar.isTradingDay(ex)) {
                        ex = calendar.nextTradingDay(ex);
                    }
                    if (ex.isBefore(start) || ex.isAfter(to)) {
                        continue;
                    }
                    LocalDate before = calendar.previousTradingDay(ex);
                    double rawClose = prices.close(before) * rawPriceFactor(listing.symbol(), before);
                    double amount = round(rawClose * habit.yield / habit.months.length, habit.decimals);
                    if (amount > 0) {
                        out.add(new CashDividend(ex, ex.plusDays(habit.payLagDays), amount, listing.currency(), SimulatorProvider.ID));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(CorporateAction::effectiveDate));
        return out;
    }

    private static double round(double x, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(x * f) / f;
    }

    /** When and how much a listing pays, drawn once from its seed. */
    private static final class DividendHabit {
        final int[] months;
        final double yield;
        final int decimals;
        final int payLagDays;
        final boolean thirdFriday;

        private DividendHabit(int[] months, double yield, int decimals, int payLagDays, boolean thirdFriday) {
            this.months = months;
            this.yield = yield;
            this.decimals = decimals;
            this.payLagDays = payLagDays;
            this.thirdFriday = thirdFriday;
        }

        static DividendHabit of(Listing listing, InstrumentProfile profile) {
            double u = CounterRandom.uniform(profile.seed() ^ DIVIDEND_SALT, 0);
            double y = CounterRandom.uniform(profile.seed() ^ DIVIDEND_SALT, 1);
            if (listing.type() == AssetType.ETF) {
                return new DividendHabit(new int[]{3, 6, 9, 12}, 0.012 + 0.02 * y, 4, 5, true);
            }
            if (listing.type() != AssetType.EQUITY) {
                return null;
            }
            if (listing.market() == Market.CSE) { // most Casablanca companies pay once a year, after the June AGM
                return u < 0.85 ? new DividendHabit(new int[]{6}, 0.025 + 0.03 * y, 2, 21, false) : null;
            }
            if (listing.market() == Market.OTC) {
                return u < 0.4 ? new DividendHabit(new int[]{4, 10}, 0.01 + 0.03 * y, 4, 30, false) : null;
            }
            return u < 0.65 ? new DividendHabit(new int[]{2, 5, 8, 11}, 0.006 + 0.03 * y, 4, 14, false) : null;
        }

        LocalDate exDate(int year, int month, long seed) {
            LocalDate first = LocalDate.of(year, month, 1);
            if (thirdFriday) {
                return first.with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.FRIDAY));
            }
            int day = 5 + (int) (CounterRandom.uniform(seed ^ DIVIDEND_SALT, 2) * 20); // a fixed day per listing
            return first.withDayOfMonth(day);
        }
    }
}
