package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Fundamentals.Period;
import com.tradesense.marketdata.domain.Fundamentals.Statement;
import com.tradesense.marketdata.domain.Fundamentals.StatementType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Fundamentals, economy and news of the simulator: deterministic, consistent and plausible. */
class SimulatedResearchTest {
    static final MarketCalendars CALENDARS = MarketCalendars.standard();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:00:00Z"), ZoneOffset.UTC);
    static final SymbolMaster SYMBOLS = SymbolMaster.standard();
    static final Listing AAPL = SimulatorProviderTest.AAPL;
    static final Listing ATW = SimulatorProviderTest.ATW;

    static SimulatedFundamentals fundamentals(Clock clock) {
        return new SimulatedFundamentals(CALENDARS, ReferenceLevels.load(), clock);
    }

    @Test
    void fundamentalsAreTheSameForTheSameSymbolAndDay() {
        Fundamentals a = fundamentals(CLOCK).of(AAPL);
        Fundamentals b = fundamentals(CLOCK).of(AAPL);
        assertThat(b.profile()).isEqualTo(a.profile());
        assertThat(b.statements()).isEqualTo(a.statements());
        assertThat(b.ratios()).isEqualTo(a.ratios());
        assertThat(a.source().provider()).isEqualTo("simulator");
        assertThat(fundamentals(CLOCK).of(ATW).statements()).isNotEqualTo(a.statements());
    }

    @Test
    void fourQuartersAndTwoYearsOfEachStatementAsReportedByToday() {
        List<Statement> s = fundamentals(CLOCK).of(AAPL).statements();
        assertThat(s).hasSize(18);
        for (StatementType type : StatementType.values()) {
            assertThat(s.stream().filter(x -> x.type() == type && x.period() == Period.QUARTERLY).map(Statement::periodEnd))
                    .containsExactly(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 6, 30), LocalDate.of(2026, 3, 31), LocalDate.of(2025, 12, 31));
            assertThat(s.stream().filter(x -> x.type() == type && x.period() == Period.ANNUAL).map(Statement::fiscalYear))
                    .containsExactly(2025, 2024);
        }
        // on 2026-02-10 Q4 2025 is not out yet (45 days), nor FY2025 (60 days)
        Clock early = Clock.fixed(Instant.parse("2026-02-10T12:00:00Z"), ZoneOffset.UTC);
        List<Statement> e = fundamentals(early).of(AAPL).statements();
        assertThat(e.get(0).periodEnd()).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(e.stream().filter(x -> x.period() == Period.ANNUAL).map(Statement::fiscalYear)).contains(2024, 2023);
    }

    @Test
    void statementIdentitiesHoldAndYearsAreSumsOfQuarters() {
        List<Statement> s = fundamentals(CLOCK).of(AAPL).statements();
        for (Statement st : s) {
            Map<String, Double> m = st.lineItems();
            switch (st.type()) {
                case INCOME -> {
                    assertThat(m.get("grossProfit")).isEqualTo(m.get("revenue") - m.get("costOfRevenue"));
                    assertThat(m.get("operatingIncome")).isEqualTo(m.get("grossProfit") - m.get("operatingExpenses"));
                    assertThat(m.get("netIncome")).isEqualTo(m.get("incomeBeforeTax") - m.get("incomeTaxExpense"));
                    assertThat(m.get("epsDiluted")).isCloseTo(m.get("netIncome") / m.get("weightedAverageSharesDiluted"), within(0.006));
                }
                case BALANCE_SHEET -> assertThat(m.get("totalAssets")).isEqualTo(m.get("totalLiabilities") + m.get("totalEquity"));
                case CASH_FLOW -> assertThat(m.get("freeCashFlow")).isEqualTo(m.get("operatingCashFlow") + m.get("capitalExpenditure"));
            }
        }
        // FY2025 income = Q1..Q4 2025 (the Q4 is in the list; the others are recomputed the same way)
        Clock endOf2025 = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC); // Q1-Q4 2025 are the latest four
        List<Statement> t = fundamentals(endOf2025).of(AAPL).statements();
        double quarters = t.stream().filter(x -> x.type() == StatementType.INCOME && x.period() == Period.QUARTERLY)
                .mapToDouble(x -> x.lineItems().get("revenue")).sum();
        double fy = t.stream().filter(x -> x.type() == StatementType.INCOME && x.period() == Period.ANNUAL && x.fiscalYear() == 2025)
                .findFirst().orElseThrow().lineItems().get("revenue");
        assertThat(fy).isEqualTo(quarters);
    }

    @Test
    void marketCapAndRatiosArePlausibleAcrossTheUniverse() {
        SimulatedFundamentals f = fundamentals(CLOCK);
        int equities = 0;
        int withPe = 0;
        for (Market m : List.of(Market.NYSE, Market.NASDAQ, Market.CSE, Market.OTC, Market.AMEX)) {
            for (Listing l : SYMBOLS.search(m, "", AssetType.EQUITY, 1000).items()) {
                Fundamentals x = f.of(l);
                equities++;
                assertThat(x.profile().marketCap()).isPositive();
                assertThat(x.currency()).isEqualTo(l.currency());
                Fundamentals.Ratios r = x.ratios();
                assertThat(r.grossMargin()).isBetween(0.0, 1.0);
                assertThat(r.netMargin()).isBetween(-0.5, 0.7);
                assertThat(r.priceToBook()).isBetween(0.05, 100.0);
                assertThat(r.debtToEquity()).isBetween(0.0, 10.0);
                assertThat(r.dividendYield()).isBetween(0.0, 0.15);
                if (r.priceToEarnings() != null) {
                    withPe++;
                    assertThat(r.priceToEarnings()).isBetween(2.0, 400.0);
                }
            }
        }
        assertThat(equities).isGreaterThan(500);
        assertThat(withPe).isGreaterThan(equities * 8 / 10); // most companies are profitable, some are not
    }

    @Test
    void onlyEquitiesHaveFundamentals() {
        assertThatThrownBy(() -> fundamentals(CLOCK).of(SimulatorProviderTest.MASI))
                .isInstanceOf(ProviderException.class).extracting("reason").isEqualTo(ProviderException.Reason.NOT_COVERED);
        assertThatThrownBy(() -> fundamentals(CLOCK).of(SimulatorProviderTest.USDMAD)).isInstanceOf(ProviderException.class);
    }

    @Test
    void economySeriesAreDeterministicAndFollowTheAnchors() {
        SimulatedEconomy e = new SimulatedEconomy(CLOCK);
        EconomicSeries fed = e.series("US", EconomicIndicator.POLICY_RATE, LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31));
        assertThat(fed.observations()).extracting(EconomicSeries.Observation::value)
                .containsExactly(4.25, 3.5, 3.0, 2.25, 2.0, 1.5, 1.0, 0.25); // 2007-12-11 in force, then 2008's cuts
        assertThat(fed.frequency()).isEqualTo("irregular");

        EconomicSeries cpi = e.series("US", EconomicIndicator.INFLATION, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31));
        assertThat(cpi.observations()).hasSize(12);
        double mean = cpi.observations().stream().mapToDouble(EconomicSeries.Observation::value).average().orElseThrow();
        assertThat(mean).isBetween(6.0, 9.5); // 2022's inflation (8.0 on average)
        assertThat(new SimulatedEconomy(CLOCK).series("US", EconomicIndicator.INFLATION, LocalDate.of(2022, 1, 1),
                LocalDate.of(2022, 12, 31))).isEqualTo(cpi);

        EconomicSeries ma = e.series("MA", EconomicIndicator.UNEMPLOYMENT, LocalDate.of(2000, 1, 1), LocalDate.of(2030, 1, 1));
        assertThat(ma.frequency()).isEqualTo("quarterly");
        assertThat(ma.observations()).allSatisfy(o -> assertThat(o.value()).isBetween(5.0, 20.0));
        // only quarters that are over: Q3 2026 is the last by 2026-11-26
        assertThat(ma.observations().get(ma.observations().size() - 1).date()).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void policyRatesPastTheTableStayPlausible() {
        List<SimulatedEconomy.Decision> us = new SimulatedEconomy(CLOCK).decisions("US", LocalDate.of(2035, 12, 31));
        List<SimulatedEconomy.Decision> ma = new SimulatedEconomy(CLOCK).decisions("MA", LocalDate.of(2035, 12, 31));
        assertThat(us).allSatisfy(d -> assertThat(d.rate()).isBetween(0.25, 8.0));
        assertThat(ma.stream().filter(d -> d.date().getYear() >= 2010)).allSatisfy(d -> assertThat(d.rate()).isBetween(1.0, 4.5));
        assertThat(us).extracting(SimulatedEconomy.Decision::date).isSorted();
    }

    @Test
    void newsIsDeterministicPerSymbolWhateverElseIsAsked() {
        SimulatedNews news = new SimulatedNews(CALENDARS, new SimulatedEconomy(CLOCK), CLOCK);
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        List<NewsItem> alone = news.news(List.of(AAPL), from, 1000);
        List<NewsItem> together = news.news(List.of(ATW, AAPL), from, 1000);
        assertThat(alone).isNotEmpty();
        assertThat(together.stream().filter(n -> n.symbols().contains("AAPL")).toList()).isEqualTo(alone);
        assertThat(together).extracting(NewsItem::t).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(together).allSatisfy(n -> {
            assertThat(n.t()).isBetween(from.toEpochMilli(), CLOCK.millis());
            assertThat(n.url()).startsWith("https://news.example.com/");
            assertThat(n.sources()).containsExactly("simulator");
        });
        assertThat(alone.stream().map(NewsItem::headline)).anyMatch(h -> h.contains("Apple Inc."));
        assertThat(news.news(List.of(AAPL), from, 3)).isEqualTo(alone.subList(0, 3));
    }

    @Test
    void marketWideNewsHasClosesAndRateDecisions() {
        SimulatedNews news = new SimulatedNews(CALENDARS, new SimulatedEconomy(CLOCK), CLOCK);
        List<NewsItem> items = news.news(List.of(), Instant.parse("2024-12-01T00:00:00Z"), 1000);
        assertThat(items).extracting(NewsItem::headline)
                .anyMatch(h -> h.equals("Federal Reserve cuts rates by 25 basis points to 4.25%-4.50%"))
                .anyMatch(h -> h.equals("Bank Al-Maghrib cuts its key rate to 2.50%"))
                .anyMatch(h -> h.startsWith("Wall Street closes"));
        // no close story on a holiday: Christmas 2024
        long christmas = Instant.parse("2024-12-25T00:00:00Z").toEpochMilli();
        assertThat(items).filteredOn(n -> n.t() >= christmas && n.t() < christmas + 86_400_000L)
                .noneMatch(n -> n.headline().startsWith("Wall Street closes"));
    }
}
