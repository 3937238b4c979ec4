package com.tradesense.marketdata.historical.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.QueryParameters;
import com.tradesense.marketdata.domain.Symbol;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.rest.SourceJson;
import com.tradesense.marketdata.symbols.Listing;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/market-data/corporate-actions/{symbol}}: splits, dividends, symbol changes, mergers. */
@Path("/api/v1/market-data/corporate-actions")
@Tag(name = "Historical data")
@Produces(MediaType.APPLICATION_JSON)
public class CorporateActionsResource {
    private final CorporateActionsService actions;
    private final MarketDataService marketData;
    private final Clock clock;

    private final ResearchAnswerCache answers;

    public CorporateActionsResource(CorporateActionsService actions, MarketDataService marketData, Clock clock,
                                    ResearchAnswerCache answers) {
        this.answers = answers;
        this.actions = actions;
        this.marketData = marketData;
        this.clock = clock;
    }

    /** One action; the fields present depend on {@code type}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionJson(String type, String exDate, Double ratio, String payDate, Double amount, String currency,
                             String date, String oldSymbol, String newSymbol, String counterparty, String terms, String source) {
        static ActionJson of(CorporateAction a) {
            String type = CorporateActionsService.kind(a);
            if (a instanceof CorporateAction.Split s) {
                return new ActionJson(type, s.exDate().toString(), s.ratio(), null, null, null, null, null, null, null, null, s.provider());
            }
            if (a instanceof CorporateAction.CashDividend d) {
                return new ActionJson(type, d.exDate().toString(), null, d.payDate() == null ? null : d.payDate().toString(),
                        d.amount(), d.currency(), null, null, null, null, null, d.provider());
            }
            if (a instanceof CorporateAction.SymbolChange c) {
                return new ActionJson(type, null, null, null, null, null, c.date().toString(), c.oldSymbol(), c.newSymbol(), null, null, c.provider());
            }
            CorporateAction.Merger m = (CorporateAction.Merger) a;
            return new ActionJson(type, null, null, null, null, null, m.date().toString(), null, null, m.counterparty(), m.terms(), m.provider());
        }
    }

    public record ActionsResponse(String symbol, String market, String from, String to, List<ActionJson> actions, SourceJson source) {
    }

    @GET
    @Path("{symbol: .+}")
    @Blocking
    @Operation(summary = "Corporate actions of a symbol",
            description = "Splits (`ratio` = new shares per old share), cash dividends (`exDate`, `payDate`, `amount`,"
                    + " `currency`), symbol changes and mergers with dates in [`from`, `to`] (both inclusive dates; default"
                    + " 2000-01-01 to today), oldest first, merged across providers; where they disagree the exchange's"
                    + " own record wins. Each record names its `source` provider.")
    @APIResponse(responseCode = "200", description = "Actions", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "AAPL", value = """
                    {"symbol":"AAPL","market":"NASDAQ","from":"2020-01-01","to":"2020-12-31","actions":[
                     {"type":"dividend","exDate":"2020-08-07","payDate":"2020-08-21","amount":0.82,"currency":"USD","source":"simulator"},
                     {"type":"split","exDate":"2020-08-31","ratio":4.0,"source":"simulator"}],
                     "source":{"provider":"simulator","cache":"none","stale":false,"asOf":"2026-11-26T12:00:00Z"}}""")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown symbol", content = @Content(mediaType = "application/problem+json"))
    public ActionsResponse actions(@Parameter(example = "AAPL") @PathParam("symbol") String symbol,
                                   @Parameter(description = "First date, inclusive (YYYY-MM-DD)") @QueryParam("from") String from,
                                   @Parameter(description = "Last date, inclusive (YYYY-MM-DD); default today") @QueryParam("to") String to) {
        Listing listing = marketData.listing(Symbol.parse(symbol, "symbol").value());
        LocalDate start = from == null || from.isEmpty() ? LocalDate.of(2000, 1, 1) : date(from, "from");
        LocalDate end = to == null || to.isEmpty() ? LocalDate.now(clock.withZone(listing.market().zone())) : date(to, "to");
        if (start.isAfter(end)) {
            throw new InvalidParameterException("from", "'from' must not be after 'to'.");
        }
        return answers.get("corporate_actions", new ResearchAnswerCache.Key(Set.of(listing.symbol()), start + "/" + end), () -> {
            CorporateActionsService.Result r = actions.actions(listing, start, end);
            return new ActionsResponse(listing.symbol(), listing.market().name(), start.toString(), end.toString(),
                    r.actions().stream().map(ActionJson::of).toList(), SourceJson.of(r.source()));
        });
    }

    private static LocalDate date(String raw, String parameter) {
        return QueryParameters.date(raw, parameter).orElseThrow();
    }
}
