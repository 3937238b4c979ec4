package com.tradesense.marketdata.historical.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tradesense.marketdata.domain.Tick;
import com.tradesense.marketdata.history.TickService;
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

import java.util.List;

/** {@code GET /api/v1/market-data/historical/{symbol}}: tick data (trade prints). */
@Path("/api/v1/market-data/historical")
@Tag(name = "Historical data")
@Produces(MediaType.APPLICATION_JSON)
public class TradesResource {
    private final TickService ticks;

    public TradesResource(TickService ticks) {
        this.ticks = ticks;
    }

    /** One print: {@code t} epoch ms, price {@code p}, size {@code s}, venue MIC {@code x} when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TradeJson(long t, double p, long s, String x, String c) {
        static TradeJson of(Tick t) {
            return new TradeJson(t.t(), t.p(), t.s(), t.venue(), t.conditions());
        }
    }

    public record TradesResponse(String symbol, String market, String currency, String timezone, List<TradeJson> trades,
                                 SourceJson source, String next) {
    }

    @GET
    @Path("{symbol: .+}")
    @Blocking
    @Operation(summary = "Trade prints of a symbol",
            description = "Oldest first. Without `from`, the latest session. `from` inclusive, `to` exclusive (dates are"
                    + " midnight in the market's time zone). Pages of `limit` prints (default 1000, max 10000); follow `next`."
                    + " Indices and currency pairs have no trades.")
    @APIResponse(responseCode = "200", description = "Trades", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "AAPL", value = """
                    {"symbol":"AAPL","market":"NASDAQ","currency":"USD","timezone":"America/New_York",
                     "trades":[{"t":1741012200012,"p":236.95,"s":120,"x":"XNAS"},{"t":1741012200431,"p":237.01,"s":80,"x":"XNAS"}],
                     "source":{"provider":"simulator","cache":"none","stale":false,"asOf":"2025-03-03T21:00:00Z"},"next":"dDF8QUFQTHwxNzQxMDEyMjAwNDMxfDF8MTc0MTA0MjAwMDAwMA"}""")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown symbol", content = @Content(mediaType = "application/problem+json"))
    public TradesResponse trades(@Parameter(example = "AAPL") @PathParam("symbol") String symbol,
                                 @Parameter(description = "Inclusive start: date or instant with offset") @QueryParam("from") String from,
                                 @Parameter(description = "Exclusive end: date or instant; default now") @QueryParam("to") String to,
                                 @Parameter(description = "1 to 10000, default 1000") @QueryParam("limit") String limit,
                                 @Parameter(description = "Cursor from the previous page") @QueryParam("next") String next) {
        TickService.TickPage page = ticks.ticks(symbol, from, to, limit, next);
        Listing l = page.listing();
        return new TradesResponse(l.symbol(), l.market().name(), l.currency(), l.market().zone().getId(),
                page.ticks().stream().map(TradeJson::of).toList(), SourceJson.of(page.source()), page.next());
    }
}
