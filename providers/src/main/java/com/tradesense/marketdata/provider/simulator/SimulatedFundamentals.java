package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Fundamentals.Period;
import com.tradesense.marketdata.domain.Fundamentals.Statement;
import com.tradesense.marketdata.domain.Fundamentals.StatementType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.domain.FundamentalRatios;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.symbols.Listing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.tradesense.marketdata.domain.LineItems.*;

/**
 * Synthetic but internally consistent financial statements of an equity: the four latest reported
 * quarters and two latest fiscal years of income, balance sheet and cash flow.
 *
 * <p>Each company gets a market capitalisation on the simulator's anchor date (drawn from its
 * symbol's seed within the range typical of its market), hence a fixed share count = that cap / the
 * simulated anchor price. Its sector's typical margins, P/E and P/B then size revenue and equity so
 * the statements match the market cap; growth and quarterly noise come from the seed. Identities hold
 * exactly (gross profit = revenue - cost of revenue, assets = liabilities + equity, annual flows = the
 * sum of the year's quarters, free cash flow = operating cash flow + capital expenditure). Fiscal years
 * are calendar years; a quarter is reported 45 days after it ends, a year 60 days after.
 */
final class SimulatedFundamentals {
    private static final long SALT = 0xf0_4d_a3_e7L;
    private static final int QUARTER_REPORT_LAG_DAYS = 45;
    private static final int ANNUAL_REPORT_LAG_DAYS = 60;
    private static final int QUARTERS = 4;
    private static final int YEARS = 2;
    /** Interest paid on debt, per year. */
    private static final double INTEREST_RATE = 0.05;
    /** Statement amounts are rounded to thousands of the currency, as filings present them. */
    private static final double AMOUNT_UNIT = 1_000;

    private final MarketCalendars calendars;
    private final ReferenceLevels levels;
    private final Clock clock;

    SimulatedFundamentals(MarketCalendars calendars, ReferenceLevels levels, Clock clock) {
        this.calendars = calendars;
        this.levels = levels;
        this.clock = clock;
    }

    Fundamentals of(Listing listing) {
        if (listing.type() != AssetType.EQUITY) {
            throw new ProviderException(SimulatorProvider.ID, ProviderException.Reason.NOT_COVERED,
                    "fundamentals exist for equities only, " + listing.symbol() + " is " + listing.type().wireName());
        }
        InstrumentProfile instrument = InstrumentProfile.of(listing, levels);
        Company c = Company.of(listing, instrument);
        LocalDate today = LocalDate.ofInstant(clock.instant(), listing.market().zone());

        List<Statement> statements = new ArrayList<>();
        int latestQuarter = latestReportedQuarter(today);
        int latestYear = latestReportedYear(today);
        for (StatementType type : StatementType.values()) {
            for (int k = latestQuarter; k > latestQuarter - QUARTERS; k--) {
                statements.add(c.quarter(type, k));
            }
            for (int y = latestYear; y > latestYear - YEARS; y--) {
                statements.add(c.year(type, y));
            }
        }
        double price = lastClose(listing, instrument, today);
        Double marketCap = price * c.shares;
        Fundamentals.Profile profile = new Fundamentals.Profile(listing.symbol(), listing.name(), listing.sector(),
                c.industry, listing.market().country(), c.shares, round(marketCap, 0), c.description(listing));
        return new Fundamentals(profile, statements, FundamentalRatios.derive(statements, price, c.shares),
                listing.currency(), new Source(SimulatorProvider.ID, CacheLayer.NONE, false, clock.instant()));
    }

    /** The close of the last session before today, as the simulator's daily bars show it. */
    private double lastClose(Listing listing, InstrumentProfile instrument, LocalDate today) {
        MarketCalendar calendar = calendars.of(listing.market());
        LocalDate day = today;
        if (day.getYear() > calendar.lastYear()) {
            day = LocalDate.of(calendar.lastYear(), 12, 31);
        }
        if (day.getYear() >= calendar.firstYear() && day.getYear() <= calendar.lastYear()) {
            day = calendar.previousTradingDay(day);
        }
        return round(new SimulatedPrices(instrument).close(day), instrument.decimals());
    }

    /** Quarter index (year * 4 + quarter - 1) of the latest quarter reported by {@code today}. */
    static int latestReportedQuarter(LocalDate today) {
        LocalDate d = today.minusDays(QUARTER_REPORT_LAG_DAYS);
        int k = d.getYear() * 4 + (d.getMonthValue() - 1) / 3; // quarter containing d ...
        return k - 1;                                          // ... is not over yet: the one before it is
    }

    static int latestReportedYear(LocalDate today) {
        return today.minusDays(ANNUAL_REPORT_LAG_DAYS).getYear() - 1;
    }

    static LocalDate quarterEnd(int k) {
        return LocalDate.of(k / 4, (k % 4) * 3 + 3, 1).plusMonths(1).minusDays(1);
    }

    /** Sector economics: typical margins, valuation and balance sheet shape. */
    private enum SectorModel {
        TECHNOLOGY(0.60, 0.27, 0.14, 30, 9.0, 0.5, 2.2, 0.05, 0.20,
                "Software", "Semiconductors", "IT Services", "Technology Hardware"),
        COMMUNICATION(0.55, 0.22, 0.05, 20, 3.5, 1.0, 2.8, 0.12, 0.35,
                "Telecommunication Services", "Interactive Media", "Entertainment"),
        HEALTH_CARE(0.65, 0.20, 0.15, 24, 4.5, 0.7, 2.5, 0.05, 0.35,
                "Pharmaceuticals", "Health Care Equipment", "Biotechnology"),
        FINANCIALS(0.85, 0.35, 0.0, 13, 1.5, 1.5, 9.0, 0.02, 0.45,
                "Banks", "Insurance", "Capital Markets", "Consumer Finance"),
        DISCRETIONARY(0.38, 0.12, 0.0, 22, 5.0, 1.0, 3.0, 0.05, 0.25,
                "Specialty Retail", "Automobiles", "Hotels, Restaurants & Leisure", "Distributors"),
        STAPLES(0.36, 0.15, 0.0, 21, 5.0, 1.0, 3.0, 0.04, 0.55,
                "Food Products", "Beverages", "Household Products"),
        INDUSTRIALS(0.30, 0.14, 0.02, 20, 4.0, 0.9, 3.0, 0.05, 0.35,
                "Machinery", "Aerospace & Defense", "Construction & Engineering", "Transportation"),
        ENERGY(0.35, 0.18, 0.0, 13, 1.8, 1.2, 3.0, 0.18, 0.50,
                "Oil, Gas & Consumable Fuels", "Electric Utilities", "Energy Equipment & Services"),
        MATERIALS(0.30, 0.16, 0.01, 16, 2.5, 0.6, 2.2, 0.08, 0.40,
                "Chemicals", "Construction Materials", "Metals & Mining", "Paper & Forest Products"),
        REAL_ESTATE(0.65, 0.33, 0.0, 30, 2.0, 1.2, 2.3, 0.03, 0.70,
                "Real Estate Investment Trusts", "Real Estate Development"),
        OTHER(0.40, 0.15, 0.02, 18, 3.0, 0.8, 2.5, 0.05, 0.35,
                "Diversified Holdings");

        final double grossMargin;
        final double operatingMargin;
        final double researchShare;
        final double priceToEarnings;
        final double priceToBook;
        final double debtToEquity;
        final double assetsToEquity;
        final double capexShare;
        final double payoutRatio;
        final String[] industries;

        SectorModel(double grossMargin, double operatingMargin, double researchShare, double priceToEarnings,
                    double priceToBook, double debtToEquity, double assetsToEquity, double capexShare,
                    double payoutRatio, String... industries) {
            this.grossMargin = grossMargin;
            this.operatingMargin = operatingMargin;
            this.researchShare = researchShare;
            this.priceToEarnings = priceToEarnings;
            this.priceToBook = priceToBook;
            this.debtToEquity = debtToEquity;
            this.assetsToEquity = assetsToEquity;
            this.capexShare = capexShare;
            this.payoutRatio = payoutRatio;
            this.industries = industries;
        }

        /** By GICS sector (US listings) or Bourse de Casablanca sector label. */
        static SectorModel of(String sector) {
            String s = sector == null ? "" : sector.toLowerCase(Locale.ROOT);
            if (s.contains("information technology") || s.contains("it hardware") || s.contains("software")) {
                return TECHNOLOGY;
            } else if (s.contains("communication") || s.contains("telecom")) {
                return COMMUNICATION;
            } else if (s.contains("health") || s.contains("pharma")) {
                return HEALTH_CARE;
            } else if (s.contains("financ") || s.contains("bank") || s.contains("insurance") || s.contains("holding")) {
                return FINANCIALS;
            } else if (s.contains("discretionary") || s.contains("distributor") || s.contains("leisure")) {
                return DISCRETIONARY;
            } else if (s.contains("staples") || s.contains("food") || s.contains("beverage") || s.contains("agricultur")) {
                return STAPLES;
            } else if (s.contains("industrial") || s.contains("engineering") || s.contains("transport") || s.contains("construction")) {
                return INDUSTRIALS;
            } else if (s.contains("energy") || s.contains("oil") || s.contains("electric") || s.contains("utilit")) {
                return ENERGY;
            } else if (s.contains("material") || s.contains("mining") || s.contains("chemical") || s.contains("forest")) {
                return MATERIALS;
            } else if (s.contains("real estate")) {
                return REAL_ESTATE;
            }
            return OTHER;
        }
    }

    /** One simulated company: its size, economics and the random draws that make it itself. */
    private static final class Company {
        final long seed;
        final SectorModel model;
        final String industry;
        final long shares;
        final double taxRate;
        final boolean lossMaking;
        /** Quarterly revenue and book equity per unit of (smoothed) market cap; margins; leverage. */
        final double revenuePerCap;
        final double equityPerCap;
        final double grossMargin;
        final double operatingMargin;
        final double debtToEquity;
        final double payout;
        final SimulatedPrices prices;
        private final Map<Integer, Double> capAtQuarterEnd = new HashMap<>();

        private Company(Listing listing, InstrumentProfile instrument) {
            seed = CounterRandom.seedOf(listing.symbol()) ^ SALT;
            model = SectorModel.of(listing.sector());
            industry = listing.sector() != null && listing.market() == Market.CSE
                    ? listing.sector() // Casablanca's sector labels are already industry-level
                    : model.industries[(int) (CounterRandom.uniform(seed, 1) * model.industries.length)];
            // Size from trading activity: a share's daily turnover is a fairly stable fraction of its market
            // cap, so the simulated daily value traded / that fraction gives the cap (AAPL: ~2.5 trillion).
            double[] capRange = capRange(listing.market());
            double turnover = dailyTurnover(listing.market()) * Math.exp(0.4 * CounterRandom.gaussian(seed, 2));
            double cap = instrument.dailyVolume() > 0
                    ? clamp(instrument.dailyVolume() * instrument.anchorPrice() / turnover, capRange[0], capRange[1])
                    : capRange[0] * Math.pow(capRange[1] / capRange[0], CounterRandom.uniform(seed, 2));
            shares = Math.max(1_000_000L, Math.round(cap / instrument.anchorPrice() / 1_000) * 1_000);
            cap = shares * instrument.anchorPrice();
            taxRate = listing.market() == Market.CSE ? 0.31 : 0.21; // Moroccan / US federal corporate tax
            lossMaking = model != SectorModel.FINANCIALS && CounterRandom.uniform(seed, 3) < 0.08;
            grossMargin = clamp(model.grossMargin * Math.exp(0.15 * CounterRandom.gaussian(seed, 4)), 0.05, 0.95);
            double pb = model.priceToBook * Math.exp(0.35 * CounterRandom.gaussian(seed, 5));
            double equity0 = cap / pb;
            equityPerCap = 1 / pb;
            debtToEquity = model.debtToEquity * Math.exp(0.4 * CounterRandom.gaussian(seed, 6));
            prices = new SimulatedPrices(instrument);
            payout = CounterRandom.uniform(seed, 8) < 0.25 ? 0 : clamp(model.payoutRatio * Math.exp(0.3 * CounterRandom.gaussian(seed, 9)), 0, 0.9);
            double annualInterest = INTEREST_RATE * debtToEquity * equity0;
            // sized at the anchor; smoothedCap(k) scales everything to each quarter's valuation
            double annualRevenue;
            double om;
            if (lossMaking) {
                annualRevenue = cap / (2 + 3 * CounterRandom.uniform(seed, 10)); // priced on sales: 2-5x
                om = -0.02 - 0.10 * CounterRandom.uniform(seed, 11);
            } else {
                om = clamp(model.operatingMargin * Math.exp(0.2 * CounterRandom.gaussian(seed, 11)), 0.02, grossMargin - 0.02);
                double pe = model.priceToEarnings * Math.exp(0.3 * CounterRandom.gaussian(seed, 12));
                double netIncome = cap / pe;
                // net = (om * R - interest) * (1 - tax)  =>  R = (net / (1 - tax) + interest) / om
                annualRevenue = (netIncome / (1 - taxRate) + annualInterest) / om;
            }
            operatingMargin = om;
            revenuePerCap = annualRevenue / 4 / cap;
        }

        static Company of(Listing listing, InstrumentProfile instrument) {
            return new Company(listing, instrument);
        }

        /** Typical fraction of the market cap traded per day: ~0.5% for US large caps, far less in Casablanca. */
        private static double dailyTurnover(Market market) {
            return switch (market) {
                case CSE -> 0.0004;
                case OTC -> 0.002;
                default -> 0.005;
            };
        }

        private static double[] capRange(Market market) {
            return switch (market) {
                case CSE -> new double[] {4e8, 1.5e11};   // MAD: small caps to Attijariwafa / Maroc Telecom size
                case AMEX -> new double[] {1e8, 5e9};
                case OTC -> new double[] {3e8, 8e10};     // mostly ADRs of foreign companies
                default -> new double[] {2e9, 4e12};      // S&P 500 / Nasdaq-100 range
            };
        }

        String description(Listing l) {
            return l.name() + " is a simulated " + (l.sector() == null ? "" : l.sector() + " ") + "company listed on "
                    + l.market().displayName() + ". Its statements are synthetic, generated by the engine's simulator"
                    + " to be plausible for its size and sector; they are not the company's reported figures.";
        }

        /**
         * Market cap averaged over the four quarter ends up to quarter {@code k}: the business is sized to
         * what the market paid for it then, so earnings follow the share price over the years (and its
         * P/E stays near its sector's), while a quarter's figures never change once it is over.
         */
        private double smoothedCap(int k) {
            double sum = 0;
            for (int j = k - 3; j <= k; j++) {
                sum += capAtQuarterEnd.computeIfAbsent(j, q -> shares * prices.close(quarterEnd(q)));
            }
            return sum / 4;
        }

        private double baseRevenue(int k) {
            return revenuePerCap * smoothedCap(k);
        }

        /** Revenue of each calendar quarter relative to the average quarter: a busier year end. */
        private static final double[] SEASONAL = {0.97, 0.99, 1.0, 1.04};

        private static double seasonal(int k) {
            return SEASONAL[k % 4];
        }

        /** The income and cash flow figures of quarter {@code k}, unrounded. */
        private Map<String, Double> flows(int k) {
            double revenue = baseRevenue(k) * seasonal(k) * Math.exp(0.03 * CounterRandom.gaussian(seed, 1000 + k));
            double gm = clamp(grossMargin + 0.01 * CounterRandom.gaussian(seed, 2000 + k), 0.02, 0.98);
            double om = Math.min(gm - 0.01, operatingMargin + 0.01 * CounterRandom.gaussian(seed, 3000 + k));
            double cost = revenue * (1 - gm);
            double gross = revenue - cost;
            double operating = revenue * om;
            double opex = gross - operating;
            double rd = Math.min(opex, revenue * model.researchShare);
            double interest = INTEREST_RATE / 4 * debt(k);
            double pretax = operating - interest;
            double tax = Math.max(0, pretax * taxRate);
            double net = pretax - tax;
            double dilutedShares = shares * 1.01;

            double da = 0.04 * revenue;
            double workingCapital = 0.02 * revenue * CounterRandom.gaussian(seed, 4000 + k);
            double ocf = net + da + workingCapital;
            double capex = -model.capexShare * revenue * Math.exp(0.2 * CounterRandom.gaussian(seed, 5000 + k));
            double otherInvesting = 0.01 * revenue * CounterRandom.gaussian(seed, 6000 + k);
            // a share of the quarter's normal earnings (before noise), so the dividend does not jump with one bad quarter
            double normalNet = (baseRevenue(k) * operatingMargin - interest) * (1 - taxRate);
            double dividends = -payout * Math.max(0, normalNet);
            double buybacks = lossMaking ? 0 : -0.3 * Math.max(0, net) * CounterRandom.uniform(seed, 7000 + k);
            double debtIssuance = debt(k) - debt(k - 1);
            double financing = dividends + buybacks + debtIssuance;

            Map<String, Double> m = new LinkedHashMap<>();
            m.put(REVENUE, revenue);
            m.put(COST_OF_REVENUE, cost);
            m.put(GROSS_PROFIT, gross);
            m.put(RESEARCH_AND_DEVELOPMENT, rd);
            m.put(SELLING_GENERAL_ADMINISTRATIVE, opex - rd);
            m.put(OPERATING_EXPENSES, opex);
            m.put(OPERATING_INCOME, operating);
            m.put(INTEREST_EXPENSE, interest);
            m.put(INCOME_BEFORE_TAX, pretax);
            m.put(INCOME_TAX_EXPENSE, tax);
            m.put(NET_INCOME, net);
            m.put(WEIGHTED_AVERAGE_SHARES_DILUTED, dilutedShares);
            m.put(DEPRECIATION_AND_AMORTIZATION, da);
            m.put(CHANGE_IN_WORKING_CAPITAL, workingCapital);
            m.put(OPERATING_CASH_FLOW, ocf);
            m.put(CAPITAL_EXPENDITURE, capex);
            m.put(OTHER_INVESTING, otherInvesting);
            m.put(INVESTING_CASH_FLOW, capex + otherInvesting);
            m.put(DIVIDENDS_PAID, dividends);
            m.put(SHARE_REPURCHASES, buybacks);
            m.put(NET_DEBT_ISSUANCE, debtIssuance);
            m.put(FINANCING_CASH_FLOW, financing);
            m.put(NET_CHANGE_IN_CASH, ocf + capex + otherInvesting + financing);
            m.put(FREE_CASH_FLOW, ocf + capex);
            return m;
        }

        private double equity(int k) {
            return equityPerCap * smoothedCap(k) * Math.exp(0.01 * CounterRandom.gaussian(seed, 8000 + k));
        }

        private double debt(int k) {
            return debtToEquity * equity(k);
        }

        private Map<String, Double> balance(int k) {
            double equity = equity(k);
            double assets = equity * model.assetsToEquity * Math.exp(0.03 * CounterRandom.gaussian(seed, 9000 + k));
            double liabilities = assets - equity;
            double debt = Math.min(debt(k), 0.8 * liabilities);
            double annualRevenue = 4 * baseRevenue(k);
            double cash = 0.08 * assets;
            double investments = 0.04 * assets;
            double receivables = Math.min(0.12 * annualRevenue, 0.15 * assets);
            double inventory = model == SectorModel.FINANCIALS ? 0 : Math.min(0.08 * annualRevenue, 0.1 * assets);
            double current = cash + investments + receivables + inventory;
            double ppe = model == SectorModel.FINANCIALS ? 0.02 * assets : 0.3 * (assets - current);
            double goodwill = 0.15 * (assets - current - ppe);
            double otherAssets = assets - current - ppe - goodwill;
            double shortDebt = 0.25 * debt;
            double longDebt = debt - shortDebt;
            double nonDebt = liabilities - debt;
            double payables = 0.3 * nonDebt;
            double otherCurrent = 0.2 * nonDebt;

            Map<String, Double> m = new LinkedHashMap<>();
            m.put(CASH_AND_EQUIVALENTS, cash);
            m.put(SHORT_TERM_INVESTMENTS, investments);
            m.put(RECEIVABLES, receivables);
            m.put(INVENTORY, inventory);
            m.put(TOTAL_CURRENT_ASSETS, current);
            m.put(PROPERTY_PLANT_EQUIPMENT, ppe);
            m.put(GOODWILL_AND_INTANGIBLES, goodwill);
            m.put(OTHER_NON_CURRENT_ASSETS, otherAssets);
            m.put(TOTAL_ASSETS, assets);
            m.put(ACCOUNTS_PAYABLE, payables);
            m.put(SHORT_TERM_DEBT, shortDebt);
            m.put(OTHER_CURRENT_LIABILITIES, otherCurrent);
            m.put(TOTAL_CURRENT_LIABILITIES, payables + shortDebt + otherCurrent);
            m.put(LONG_TERM_DEBT, longDebt);
            m.put(OTHER_NON_CURRENT_LIABILITIES, nonDebt - payables - otherCurrent);
            m.put(TOTAL_LIABILITIES, liabilities);
            m.put(TOTAL_EQUITY, equity);
            m.put(SHARES_OUTSTANDING, (double) shares);
            return m;
        }

        Statement quarter(StatementType type, int k) {
            Map<String, Double> items = type == StatementType.BALANCE_SHEET ? balance(k) : select(type, flows(k));
            return new Statement(type, Period.QUARTERLY, k / 4, "Q" + (k % 4 + 1), quarterEnd(k), rounded(type, items));
        }

        Statement year(StatementType type, int year) {
            int q4 = year * 4 + 3;
            Map<String, Double> items;
            if (type == StatementType.BALANCE_SHEET) {
                items = balance(q4);
            } else {
                // rounded quarter by quarter first, so the year is exactly the sum of its quarters
                items = new LinkedHashMap<>();
                for (int k = year * 4; k <= q4; k++) {
                    rounded(type, select(type, flows(k))).forEach((key, v) -> items.merge(key, v, Double::sum));
                }
                items.computeIfPresent(WEIGHTED_AVERAGE_SHARES_DILUTED, (key, v) -> v / 4); // an average, not a flow
            }
            return new Statement(type, Period.ANNUAL, year, "FY", quarterEnd(q4), rounded(type, items));
        }

        private Map<String, Double> select(StatementType type, Map<String, Double> flows) {
            Map<String, Double> m = new LinkedHashMap<>();
            if (type == StatementType.INCOME) {
                for (String k : List.of(REVENUE, COST_OF_REVENUE, GROSS_PROFIT, RESEARCH_AND_DEVELOPMENT,
                        SELLING_GENERAL_ADMINISTRATIVE, OPERATING_EXPENSES, OPERATING_INCOME, INTEREST_EXPENSE,
                        INCOME_BEFORE_TAX, INCOME_TAX_EXPENSE, NET_INCOME, WEIGHTED_AVERAGE_SHARES_DILUTED)) {
                    m.put(k, flows.get(k));
                }
            } else {
                m.put(NET_INCOME, flows.get(NET_INCOME));
                for (String k : List.of(DEPRECIATION_AND_AMORTIZATION, CHANGE_IN_WORKING_CAPITAL, OPERATING_CASH_FLOW,
                        CAPITAL_EXPENDITURE, OTHER_INVESTING, INVESTING_CASH_FLOW, DIVIDENDS_PAID, SHARE_REPURCHASES,
                        NET_DEBT_ISSUANCE, FINANCING_CASH_FLOW, NET_CHANGE_IN_CASH, FREE_CASH_FLOW)) {
                    m.put(k, flows.get(k));
                }
            }
            return m;
        }

        /**
         * Amounts rounded to thousands with the totals recomputed from their rounded parts, so identities
         * hold to the unit; per-share figures to the cent; EPS from the rounded net income.
         */
        private static Map<String, Double> rounded(StatementType type, Map<String, Double> raw) {
            Map<String, Double> m = new LinkedHashMap<>();
            raw.forEach((k, v) -> m.put(k, k.equals(WEIGHTED_AVERAGE_SHARES_DILUTED) || k.equals(SHARES_OUTSTANDING)
                    ? Math.rint(v) : Math.rint(v / AMOUNT_UNIT) * AMOUNT_UNIT + 0.0));
            switch (type) {
                case INCOME -> {
                    m.put(GROSS_PROFIT, m.get(REVENUE) - m.get(COST_OF_REVENUE));
                    m.put(SELLING_GENERAL_ADMINISTRATIVE, m.get(OPERATING_EXPENSES) - m.get(RESEARCH_AND_DEVELOPMENT));
                    m.put(OPERATING_INCOME, m.get(GROSS_PROFIT) - m.get(OPERATING_EXPENSES));
                    m.put(INCOME_BEFORE_TAX, m.get(OPERATING_INCOME) - m.get(INTEREST_EXPENSE));
                    m.put(NET_INCOME, m.get(INCOME_BEFORE_TAX) - m.get(INCOME_TAX_EXPENSE));
                    double shares = m.get(WEIGHTED_AVERAGE_SHARES_DILUTED);
                    m.remove(WEIGHTED_AVERAGE_SHARES_DILUTED);
                    m.put(EPS_BASIC, round(m.get(NET_INCOME) / (shares / 1.01), 2));
                    m.put(EPS_DILUTED, round(m.get(NET_INCOME) / shares, 2));
                    m.put(WEIGHTED_AVERAGE_SHARES_DILUTED, shares);
                }
                case BALANCE_SHEET -> {
                    m.put(TOTAL_CURRENT_ASSETS, m.get(CASH_AND_EQUIVALENTS) + m.get(SHORT_TERM_INVESTMENTS)
                            + m.get(RECEIVABLES) + m.get(INVENTORY));
                    m.put(TOTAL_ASSETS, m.get(TOTAL_CURRENT_ASSETS) + m.get(PROPERTY_PLANT_EQUIPMENT)
                            + m.get(GOODWILL_AND_INTANGIBLES) + m.get(OTHER_NON_CURRENT_ASSETS));
                    m.put(TOTAL_CURRENT_LIABILITIES, m.get(ACCOUNTS_PAYABLE) + m.get(SHORT_TERM_DEBT) + m.get(OTHER_CURRENT_LIABILITIES));
                    m.put(TOTAL_LIABILITIES, m.get(TOTAL_CURRENT_LIABILITIES) + m.get(LONG_TERM_DEBT) + m.get(OTHER_NON_CURRENT_LIABILITIES));
                    m.put(TOTAL_EQUITY, m.get(TOTAL_ASSETS) - m.get(TOTAL_LIABILITIES));
                }
                case CASH_FLOW -> {
                    m.put(OPERATING_CASH_FLOW, m.get(NET_INCOME) + m.get(DEPRECIATION_AND_AMORTIZATION) + m.get(CHANGE_IN_WORKING_CAPITAL));
                    m.put(INVESTING_CASH_FLOW, m.get(CAPITAL_EXPENDITURE) + m.get(OTHER_INVESTING));
                    m.put(FINANCING_CASH_FLOW, m.get(DIVIDENDS_PAID) + m.get(SHARE_REPURCHASES) + m.get(NET_DEBT_ISSUANCE));
                    m.put(NET_CHANGE_IN_CASH, m.get(OPERATING_CASH_FLOW) + m.get(INVESTING_CASH_FLOW) + m.get(FINANCING_CASH_FLOW));
                    m.put(FREE_CASH_FLOW, m.get(OPERATING_CASH_FLOW) + m.get(CAPITAL_EXPENDITURE));
                }
            }
            return m;
        }
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static double round(double x, int dp) {
        double f = Math.pow(10, dp);
        return Math.round(x * f) / f;
    }
}
