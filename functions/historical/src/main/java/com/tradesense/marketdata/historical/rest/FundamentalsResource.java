package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.domain.Symbol;
import com.tradesense.marketdata.fundamentals.FundamentalsService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;

/** {@code GET /api/v1/market-data/fundamentals/{symbol}}: profile, latest statements and ratios of an equity. */
@Path("/api/v1/market-data/fundamentals")
@Tag(name = "Historical data")
@Produces(MediaType.APPLICATION_JSON)
public class FundamentalsResource {
    private final FundamentalsService fundamentals;

    private final ResearchAnswerCache answers;

    public FundamentalsResource(FundamentalsService fundamentals, ResearchAnswerCache answers) {
        this.answers = answers;
        this.fundamentals = fundamentals;
    }

    @GET
    @Path("{symbol: .+}") // .+ so a currency pair reaches us (and gets a clear 404) instead of a routing 404
    @Blocking
    @Operation(summary = "Fundamentals of an equity",
            description = "Profile (name, sector, industry, shares outstanding, market cap), the latest financial statements"
                    + " (income, balance sheet, cash flow: the four latest quarters and two latest fiscal years, newest first,"
                    + " line items in the envelope's currency) and ratios (P/E, P/B, dividend yield, ROE, debt/equity,"
                    + " margins) as plain numbers (0.25 = 25%), null where not meaningful (a P/E on a loss). When a provider"
                    + " reports statements only, the ratios are derived from them and the latest daily close"
                    + " (`ratios.basis` = `derived`, with that `price`): flows over the trailing four quarters, equity and"
                    + " debt from the latest balance sheet. Equities only: ETFs, indices and currency pairs are 404.")
    @APIResponse(responseCode = "200", description = "Fundamentals", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "AAPL (simulated)", value = """
                    {"symbol":"AAPL","market":"NASDAQ","currency":"USD",
                     "profile":{"name":"Apple Inc.","sector":"Information Technology","industry":"Technology Hardware","country":"US",
                       "sharesOutstanding":15021000000,"marketCap":3.66e12,"description":"..."},
                     "statements":{"income":[{"period":"quarterly","fiscalYear":2026,"fiscalPeriod":"Q3","periodEnd":"2026-09-30",
                       "lineItems":{"revenue":1.02e11,"costOfRevenue":4.1e10,"grossProfit":6.1e10,"netIncome":2.9e10,"epsDiluted":1.91}}],
                       "balanceSheet":[],"cashFlow":[]},
                     "ratios":{"priceToEarnings":31.2,"priceToBook":9.1,"dividendYield":0.006,"returnOnEquity":0.29,"debtToEquity":0.5,
                       "grossMargin":0.6,"operatingMargin":0.27,"netMargin":0.22,"basis":"provider"},
                     "source":{"provider":"simulator","cache":"none","stale":false,"asOf":"2026-11-26T14:00:00Z"}}""")))
    @APIResponse(responseCode = "400", description = "The symbol is malformed", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown symbol, or not an equity", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "ETF", value = """
                    {"type":"/problems/not-found","title":"Not found","status":404,
                     "detail":"Fundamentals exist for equities only; SPY is an ETF.","instance":"/api/v1/market-data/fundamentals/SPY","parameter":"symbol"}""")))
    @APIResponse(responseCode = "503", description = "No provider could answer (with Retry-After)",
            content = @Content(mediaType = "application/problem+json"))
    public FundamentalsResponse fundamentals(
            @Parameter(description = "Canonical symbol of an equity: AAPL, BRK.B, ATW.CSE (case-insensitive)", example = "AAPL")
            @PathParam("symbol") String symbol) {
        Symbol s = Symbol.parse(symbol, "symbol");
        return answers.get("fundamentals", new ResearchAnswerCache.Key(Set.of(s.value()), s.value()),
                () -> FundamentalsResponse.of(fundamentals.fundamentals(s)));
    }
}
