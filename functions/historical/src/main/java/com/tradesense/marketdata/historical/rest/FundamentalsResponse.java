package com.tradesense.marketdata.historical.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Fundamentals.Period;
import com.tradesense.marketdata.domain.Fundamentals.Statement;
import com.tradesense.marketdata.domain.Fundamentals.StatementType;
import com.tradesense.marketdata.fundamentals.CompanyFundamentals;
import com.tradesense.marketdata.rest.SourceJson;
import com.tradesense.marketdata.symbols.Listing;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fundamentals envelope: profile, statements grouped by type (quarters then years, newest first), ratios. */
public record FundamentalsResponse(String symbol, String market, String currency, ProfileJson profile,
                                   StatementsJson statements, RatiosJson ratios, SourceJson source) {

    public record ProfileJson(String name, String sector, String industry, String country, Long sharesOutstanding,
                              Double marketCap, String description) {
    }

    public record StatementsJson(List<StatementJson> income, List<StatementJson> balanceSheet, List<StatementJson> cashFlow) {
    }

    /** One statement; amounts in the envelope's currency, per-share items (eps*) per share. */
    public record StatementJson(String period, int fiscalYear, String fiscalPeriod, String periodEnd,
                                Map<String, Double> lineItems) {
    }

    /**
     * Ratios as plain numbers (0.25 = 25%), null where not meaningful. {@code basis} is {@code provider}
     * when the provider reported them, {@code derived} when the engine computed them from the statements
     * and {@code price} (the latest daily close, at {@code priceTime}).
     */
    public record RatiosJson(Double priceToEarnings, Double priceToBook, Double dividendYield, Double returnOnEquity,
                             Double debtToEquity, Double grossMargin, Double operatingMargin, Double netMargin,
                             String basis,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double price,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String priceTime) {
    }

    static FundamentalsResponse of(CompanyFundamentals c) {
        Listing l = c.listing();
        Fundamentals f = c.fundamentals();
        Fundamentals.Profile p = f.profile();
        ProfileJson profile = new ProfileJson(p.name() != null ? p.name() : l.name(), p.sector() != null ? p.sector() : l.sector(),
                p.industry(), p.country(), p.sharesOutstanding(), finite(p.marketCap()), p.description());
        StatementsJson statements = new StatementsJson(of(f.statements(), StatementType.INCOME),
                of(f.statements(), StatementType.BALANCE_SHEET), of(f.statements(), StatementType.CASH_FLOW));
        Fundamentals.Ratios r = f.ratios();
        RatiosJson ratios = r == null
                ? new RatiosJson(null, null, null, null, null, null, null, null, "none", null, null)
                : new RatiosJson(finite(r.priceToEarnings()), finite(r.priceToBook()), finite(r.dividendYield()),
                finite(r.returnOnEquity()), finite(r.debtToEquity()), finite(r.grossMargin()), finite(r.operatingMargin()),
                finite(r.netMargin()), c.ratiosDerived() ? "derived" : "provider", c.price(),
                c.priceTime() == null ? null : c.priceTime().toString());
        return new FundamentalsResponse(l.symbol(), l.market().name(), f.currency() != null ? f.currency() : l.currency(),
                profile, statements, ratios, SourceJson.of(f.source()));
    }

    private static List<StatementJson> of(List<Statement> all, StatementType type) {
        return all.stream()
                .filter(s -> s.type() == type)
                .sorted(Comparator.comparing((Statement s) -> s.period() == Period.ANNUAL)
                        .thenComparing(Statement::periodEnd, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(s -> new StatementJson(s.period().name().toLowerCase(Locale.ROOT), s.fiscalYear(), s.fiscalPeriod(),
                        s.periodEnd() == null ? null : s.periodEnd().toString(), finite(s.lineItems())))
                .toList();
    }

    private static Map<String, Double> finite(Map<String, Double> items) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (items != null) {
            items.forEach((k, v) -> {
                if (k != null && v != null && Double.isFinite(v)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    private static Double finite(Double x) {
        return x == null || !Double.isFinite(x) ? null : x;
    }
}
