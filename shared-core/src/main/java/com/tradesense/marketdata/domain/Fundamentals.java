package com.tradesense.marketdata.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a company is and how it is doing: its profile, its latest financial statements and the ratios
 * derived from them and the price. Amounts are in {@code currency}; ratios are plain numbers
 * (0.25 = 25%), null where they cannot be computed (a P/E with negative earnings).
 */
public record Fundamentals(Profile profile, List<Statement> statements, Ratios ratios, String currency, Source source) {

    public record Profile(String symbol, String name, String sector, String industry, String country,
                          Long sharesOutstanding, Double marketCap, String description) {
    }

    public enum StatementType { INCOME, BALANCE_SHEET, CASH_FLOW }

    public enum Period { ANNUAL, QUARTERLY }

    /** One statement; {@code lineItems} keep the source's order (e.g. revenue, costOfRevenue, ...). */
    public record Statement(StatementType type, Period period, int fiscalYear, String fiscalPeriod,
                            LocalDate periodEnd, Map<String, Double> lineItems) {
    }

    public record Ratios(Double priceToEarnings, Double priceToBook, Double dividendYield, Double returnOnEquity,
                         Double debtToEquity, Double grossMargin, Double operatingMargin, Double netMargin) {
    }
}
