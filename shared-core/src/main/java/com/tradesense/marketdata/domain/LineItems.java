package com.tradesense.marketdata.domain;

/**
 * The line-item names the engine reads from financial statements, in the camelCase most vendors use
 * (Financial Modeling Prep, Alpha Vantage after de-prefixing). Amounts are in the statement's currency;
 * expenses and outflows keep the sign vendors give them: {@code costOfRevenue} positive,
 * {@code dividendsPaid} and {@code capitalExpenditure} negative (cash leaving the company).
 */
public final class LineItems {
    // income statement
    public static final String REVENUE = "revenue";
    public static final String COST_OF_REVENUE = "costOfRevenue";
    public static final String GROSS_PROFIT = "grossProfit";
    public static final String RESEARCH_AND_DEVELOPMENT = "researchAndDevelopment";
    public static final String SELLING_GENERAL_ADMINISTRATIVE = "sellingGeneralAndAdministrative";
    public static final String OPERATING_EXPENSES = "operatingExpenses";
    public static final String OPERATING_INCOME = "operatingIncome";
    public static final String INTEREST_EXPENSE = "interestExpense";
    public static final String INCOME_BEFORE_TAX = "incomeBeforeTax";
    public static final String INCOME_TAX_EXPENSE = "incomeTaxExpense";
    public static final String NET_INCOME = "netIncome";
    public static final String EPS_BASIC = "epsBasic";
    public static final String EPS_DILUTED = "epsDiluted";
    public static final String WEIGHTED_AVERAGE_SHARES_DILUTED = "weightedAverageSharesDiluted";
    // balance sheet
    public static final String CASH_AND_EQUIVALENTS = "cashAndEquivalents";
    public static final String SHORT_TERM_INVESTMENTS = "shortTermInvestments";
    public static final String RECEIVABLES = "receivables";
    public static final String INVENTORY = "inventory";
    public static final String TOTAL_CURRENT_ASSETS = "totalCurrentAssets";
    public static final String PROPERTY_PLANT_EQUIPMENT = "propertyPlantAndEquipment";
    public static final String GOODWILL_AND_INTANGIBLES = "goodwillAndIntangibles";
    public static final String OTHER_NON_CURRENT_ASSETS = "otherNonCurrentAssets";
    public static final String TOTAL_ASSETS = "totalAssets";
    public static final String ACCOUNTS_PAYABLE = "accountsPayable";
    public static final String SHORT_TERM_DEBT = "shortTermDebt";
    public static final String OTHER_CURRENT_LIABILITIES = "otherCurrentLiabilities";
    public static final String TOTAL_CURRENT_LIABILITIES = "totalCurrentLiabilities";
    public static final String LONG_TERM_DEBT = "longTermDebt";
    public static final String OTHER_NON_CURRENT_LIABILITIES = "otherNonCurrentLiabilities";
    public static final String TOTAL_LIABILITIES = "totalLiabilities";
    public static final String TOTAL_EQUITY = "totalEquity";
    public static final String SHARES_OUTSTANDING = "sharesOutstanding";
    // cash flow statement
    public static final String DEPRECIATION_AND_AMORTIZATION = "depreciationAndAmortization";
    public static final String CHANGE_IN_WORKING_CAPITAL = "changeInWorkingCapital";
    public static final String OPERATING_CASH_FLOW = "operatingCashFlow";
    public static final String CAPITAL_EXPENDITURE = "capitalExpenditure";
    public static final String OTHER_INVESTING = "otherInvestingActivities";
    public static final String INVESTING_CASH_FLOW = "investingCashFlow";
    public static final String DIVIDENDS_PAID = "dividendsPaid";
    public static final String SHARE_REPURCHASES = "shareRepurchases";
    public static final String NET_DEBT_ISSUANCE = "netDebtIssuance";
    public static final String FINANCING_CASH_FLOW = "financingCashFlow";
    public static final String NET_CHANGE_IN_CASH = "netChangeInCash";
    public static final String FREE_CASH_FLOW = "freeCashFlow";

    private LineItems() {
    }
}
