package com.tradesense.marketdata.domain;

import com.tradesense.marketdata.domain.Fundamentals.Period;
import com.tradesense.marketdata.domain.Fundamentals.Ratios;
import com.tradesense.marketdata.domain.Fundamentals.Statement;
import com.tradesense.marketdata.domain.Fundamentals.StatementType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class FundamentalRatiosTest {

    static Statement quarter(StatementType type, int year, int q, Map<String, Double> items) {
        LocalDate end = LocalDate.of(year, q * 3, 1).plusMonths(1).minusDays(1);
        return new Statement(type, Period.QUARTERLY, year, "Q" + q, end, items);
    }

    static Statement annual(StatementType type, int year, Map<String, Double> items) {
        return new Statement(type, Period.ANNUAL, year, "FY", LocalDate.of(year, 12, 31), items);
    }

    /**
     * Worked example (amounts in millions, Q4 2024 to Q3 2025):
     * <pre>
     *   quarter            Q4'24  Q1'25  Q2'25  Q3'25  | TTM
     *   revenue             100    110    120    130   | 460
     *   costOfRevenue        60     66     72     78   | 276  -> gross profit 184
     *   operatingIncome      20     22     24     26   |  92
     *   netIncome            15   16.5     18   19.5   |  69
     *   dividendsPaid        -5     -5     -5     -5   | -20
     *   latest balance sheet (Q3'25): equity 500, short-term debt 100, long-term debt 150
     *   price 69, shares 10  -> market cap 690
     *
     *   P/E            = 690 / 69          = 10
     *   P/B            = 690 / 500         = 1.38
     *   dividend yield = 20 / 690          = 0.028985... -> 0.029 (4 dp)
     *   ROE            = 69 / 500          = 0.138
     *   debt/equity    = (100 + 150) / 500 = 0.5
     *   gross margin   = 184 / 460         = 0.4
     *   op. margin     = 92 / 460          = 0.2
     *   net margin     = 69 / 460          = 0.15
     * </pre>
     * The older annual statement (FY2024) and older balance sheet (Q2'25) must not be used.
     */
    public static List<Statement> workedExample() {
        List<Statement> s = new ArrayList<>();
        double[][] income = {{100, 60, 20, 15}, {110, 66, 22, 16.5}, {120, 72, 24, 18}, {130, 78, 26, 19.5}};
        int[][] quarters = {{2024, 4}, {2025, 1}, {2025, 2}, {2025, 3}};
        for (int i = 0; i < 4; i++) {
            s.add(quarter(StatementType.INCOME, quarters[i][0], quarters[i][1], Map.of("revenue", income[i][0],
                    "costOfRevenue", income[i][1], "operatingIncome", income[i][2], "netIncome", income[i][3])));
            s.add(quarter(StatementType.CASH_FLOW, quarters[i][0], quarters[i][1], Map.of("dividendsPaid", -5.0, "netIncome", income[i][3])));
        }
        s.add(annual(StatementType.INCOME, 2024, Map.of("revenue", 999.0, "netIncome", 1.0)));
        s.add(quarter(StatementType.BALANCE_SHEET, 2025, 2, Map.of("totalEquity", 1.0, "shortTermDebt", 1.0)));
        s.add(quarter(StatementType.BALANCE_SHEET, 2025, 3, Map.of("totalEquity", 500.0, "shortTermDebt", 100.0,
                "longTermDebt", 150.0, "sharesOutstanding", 10.0)));
        return s;
    }

    @Test
    void workedExampleFromTrailingQuartersAndLatestBalanceSheet() {
        Ratios r = FundamentalRatios.derive(workedExample(), 69.0, 10L);
        assertThat(r.priceToEarnings()).isEqualTo(10.0);
        assertThat(r.priceToBook()).isEqualTo(1.38);
        assertThat(r.dividendYield()).isEqualTo(0.029);
        assertThat(r.returnOnEquity()).isEqualTo(0.138);
        assertThat(r.debtToEquity()).isEqualTo(0.5);
        assertThat(r.grossMargin()).isEqualTo(0.4);
        assertThat(r.operatingMargin()).isEqualTo(0.2);
        assertThat(r.netMargin()).isEqualTo(0.15);
    }

    @Test
    void sharesComeFromTheBalanceSheetWhenTheProfileHasNone() {
        assertThat(FundamentalRatios.derive(workedExample(), 69.0, null).priceToEarnings()).isEqualTo(10.0);
    }

    @Test
    void withoutPriceOnlyValuationRatiosAreMissing() {
        Ratios r = FundamentalRatios.derive(workedExample(), null, 10L);
        assertThat(r.priceToEarnings()).isNull();
        assertThat(r.priceToBook()).isNull();
        assertThat(r.dividendYield()).isNull();
        assertThat(r.returnOnEquity()).isEqualTo(0.138);
        assertThat(r.netMargin()).isEqualTo(0.15);
    }

    /**
     * Only three quarters (a gap where Q1'25 should be): TTM falls back to the latest annual statement.
     * FY2024: revenue 400, gross profit 160 (no cost line), net income -20 (a loss); equity 200, no debt lines.
     * gross margin = 160 / 400 = 0.4; net margin = -20 / 400 = -0.05; ROE = -20 / 200 = -0.1;
     * P/E null (no earnings); debt/equity null (no debt reported); P/B = (10 * 50) / 200 = 2.5.
     */
    @Test
    void gapsFallBackToTheLatestFiscalYearAndLossesHaveNoPe() {
        List<Statement> s = List.of(
                quarter(StatementType.INCOME, 2024, 4, Map.of("revenue", 1.0, "netIncome", 1.0)),
                quarter(StatementType.INCOME, 2025, 2, Map.of("revenue", 1.0, "netIncome", 1.0)),
                quarter(StatementType.INCOME, 2025, 3, Map.of("revenue", 1.0, "netIncome", 1.0)),
                quarter(StatementType.INCOME, 2024, 3, Map.of("revenue", 1.0, "netIncome", 1.0)),
                annual(StatementType.INCOME, 2023, Map.of("revenue", 1.0, "netIncome", 1.0)),
                annual(StatementType.INCOME, 2024, Map.of("revenue", 400.0, "grossProfit", 160.0, "netIncome", -20.0)),
                annual(StatementType.BALANCE_SHEET, 2024, Map.of("totalEquity", 200.0)));
        Ratios r = FundamentalRatios.derive(s, 10.0, 50L);
        assertThat(r.grossMargin()).isEqualTo(0.4);
        assertThat(r.netMargin()).isEqualTo(-0.05);
        assertThat(r.returnOnEquity()).isEqualTo(-0.1);
        assertThat(r.priceToEarnings()).isNull();
        assertThat(r.debtToEquity()).isNull();
        assertThat(r.priceToBook()).isEqualTo(2.5);
        assertThat(r.dividendYield()).isNull(); // no cash flow statement: unknown, not zero
    }

    @Test
    void negativeEquityOrZeroRevenueLeaveTheirRatiosNull() {
        List<Statement> s = List.of(
                annual(StatementType.INCOME, 2024, Map.of("revenue", 0.0, "netIncome", 5.0)),
                annual(StatementType.BALANCE_SHEET, 2024, Map.of("totalEquity", -50.0, "longTermDebt", 100.0)));
        Ratios r = FundamentalRatios.derive(s, 10.0, 10L);
        assertThat(r.priceToEarnings()).isEqualTo(20.0); // 100 / 5
        assertThat(r.priceToBook()).isNull();
        assertThat(r.returnOnEquity()).isNull();
        assertThat(r.debtToEquity()).isNull();
        assertThat(r.grossMargin()).isNull();
        assertThat(r.netMargin()).isNull();
    }

    @Test
    void noStatementsNoRatios() {
        Ratios r = FundamentalRatios.derive(List.of(), 10.0, 10L);
        assertThat(r).isEqualTo(new Ratios(null, null, null, null, null, null, null, null));
    }
}
