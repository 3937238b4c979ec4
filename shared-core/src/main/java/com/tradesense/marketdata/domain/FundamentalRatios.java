package com.tradesense.marketdata.domain;

import com.tradesense.marketdata.domain.Fundamentals.Period;
import com.tradesense.marketdata.domain.Fundamentals.Ratios;
import com.tradesense.marketdata.domain.Fundamentals.Statement;
import com.tradesense.marketdata.domain.Fundamentals.StatementType;

import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives the API's ratios from financial statements and a share price, the way screeners do:
 * <ul>
 *   <li>flows (revenue, profits, dividends) over the trailing twelve months: the sum of the four
 *       latest quarters when they are consecutive, else the latest fiscal year;</li>
 *   <li>stocks (equity, debt) from the latest balance sheet, quarterly or annual;</li>
 *   <li>market capitalisation = price × shares outstanding.</li>
 * </ul>
 * P/E = market cap / TTM net income (null unless earnings are positive); P/B = market cap / equity;
 * dividend yield = TTM dividends paid / market cap; ROE = TTM net income / equity; debt/equity =
 * (short-term + long-term debt) / equity (all null unless equity is positive); margins = TTM gross,
 * operating and net income / TTM revenue (null unless revenue is positive). Ratios are plain numbers
 * (0.25 = 25%) rounded to 4 decimal places; null where the inputs are missing.
 */
public final class FundamentalRatios {
    private static final int RATIO_DECIMALS = 4;
    /** Quarter ends of consecutive quarters lie 89 to 92 days apart; allow for 52/53-week fiscal calendars. */
    private static final long MIN_QUARTER_DAYS = 80;
    private static final long MAX_QUARTER_DAYS = 100;
    private static final int QUARTERS_PER_YEAR = 4;

    private FundamentalRatios() {
    }

    /**
     * @param price             latest share price in the statements' currency, or null when unknown
     *                          (then the valuation ratios P/E, P/B and yield are null)
     * @param sharesOutstanding shares outstanding, or null to take them from the latest balance sheet
     */
    public static Ratios derive(List<Statement> statements, Double price, Long sharesOutstanding) {
        Map<String, Double> income = trailingTwelveMonths(statements, StatementType.INCOME);
        Map<String, Double> cashFlow = trailingTwelveMonths(statements, StatementType.CASH_FLOW);
        Map<String, Double> balance = latest(statements, StatementType.BALANCE_SHEET).map(Statement::lineItems).orElse(Map.of());

        Double shares = sharesOutstanding != null ? Double.valueOf(sharesOutstanding) : balance.get(LineItems.SHARES_OUTSTANDING);
        Double marketCap = positive(price) && positive(shares) ? price * shares : null;
        Double netIncome = income.get(LineItems.NET_INCOME);
        Double revenue = income.get(LineItems.REVENUE);
        Double equity = balance.get(LineItems.TOTAL_EQUITY);
        Double grossProfit = income.get(LineItems.GROSS_PROFIT);
        if (grossProfit == null && revenue != null && income.get(LineItems.COST_OF_REVENUE) != null) {
            grossProfit = revenue - income.get(LineItems.COST_OF_REVENUE);
        }
        Double debt = null;
        Double shortDebt = balance.get(LineItems.SHORT_TERM_DEBT);
        Double longDebt = balance.get(LineItems.LONG_TERM_DEBT);
        if (shortDebt != null || longDebt != null) {
            debt = (shortDebt == null ? 0 : shortDebt) + (longDebt == null ? 0 : longDebt);
        }
        Double dividends = cashFlow.get(LineItems.DIVIDENDS_PAID);

        boolean equityOk = positive(equity);
        boolean revenueOk = positive(revenue);
        return new Ratios(
                marketCap != null && positive(netIncome) ? round(marketCap / netIncome) : null,
                marketCap != null && equityOk ? round(marketCap / equity) : null,
                marketCap != null && dividends != null ? round(Math.abs(dividends) / marketCap) : null,
                equityOk && netIncome != null ? round(netIncome / equity) : null,
                equityOk && debt != null ? round(debt / equity) : null,
                revenueOk && grossProfit != null ? round(grossProfit / revenue) : null,
                revenueOk && income.get(LineItems.OPERATING_INCOME) != null ? round(income.get(LineItems.OPERATING_INCOME) / revenue) : null,
                revenueOk && netIncome != null ? round(netIncome / revenue) : null);
    }

    /**
     * Line items of {@code type} summed over the four latest consecutive quarters, or those of the
     * latest annual statement when there are not four consecutive quarters; empty when neither exists.
     * An item missing from any of the four quarters is left out of the sum.
     */
    static Map<String, Double> trailingTwelveMonths(List<Statement> statements, StatementType type) {
        List<Statement> quarters = statements.stream()
                .filter(s -> s.type() == type && s.period() == Period.QUARTERLY && s.periodEnd() != null)
                .sorted(Comparator.comparing(Statement::periodEnd).reversed())
                .limit(QUARTERS_PER_YEAR)
                .toList();
        if (quarters.size() == QUARTERS_PER_YEAR && consecutive(quarters)) {
            Map<String, Double> sum = new java.util.LinkedHashMap<>();
            for (String item : quarters.get(0).lineItems().keySet()) {
                double total = 0;
                boolean complete = true;
                for (Statement q : quarters) {
                    Double v = q.lineItems().get(item);
                    if (v == null || !Double.isFinite(v)) {
                        complete = false;
                        break;
                    }
                    total += v;
                }
                if (complete) {
                    sum.put(item, total);
                }
            }
            return sum;
        }
        return statements.stream()
                .filter(s -> s.type() == type && s.period() == Period.ANNUAL && s.periodEnd() != null)
                .max(Comparator.comparing(Statement::periodEnd))
                .map(Statement::lineItems)
                .orElse(Map.of());
    }

    static Optional<Statement> latest(List<Statement> statements, StatementType type) {
        return statements.stream()
                .filter(s -> s.type() == type && s.periodEnd() != null)
                .max(Comparator.comparing(Statement::periodEnd));
    }

    private static boolean consecutive(List<Statement> newestFirst) {
        for (int i = 1; i < newestFirst.size(); i++) {
            long days = ChronoUnit.DAYS.between(newestFirst.get(i).periodEnd(), newestFirst.get(i - 1).periodEnd());
            if (days < MIN_QUARTER_DAYS || days > MAX_QUARTER_DAYS) {
                return false;
            }
        }
        return true;
    }

    private static boolean positive(Double x) {
        return x != null && Double.isFinite(x) && x > 0;
    }

    private static Double round(double x) {
        if (!Double.isFinite(x)) {
            return null;
        }
        double f = Math.pow(10, RATIO_DECIMALS);
        return Math.round(x * f) / f;
    }
}
