package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.history.MarketDataService;
import com.tradesense.marketdata.history.OhlcvQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/v1/market-data/ohlcv/{symbol}}: bars of one listing. */
@Path("/api/v1/market-data/ohlcv")
@Tag(name = "Historical data")
@Produces(MediaType.APPLICATION_JSON)
public class OhlcvResource {
    private final MarketDataService marketData;
    private final OhlcvResponseCache cache;

    public OhlcvResource(MarketDataService marketData, OhlcvResponseCache cache) {
        this.marketData = marketData;
        this.cache = cache;
    }

    @GET
    @Path("{symbol: .+}") // .+ so a currency pair can be written unencoded: /ohlcv/USD/MAD
    @Blocking // providers are called synchronously: keep them off the event loop
    @Operation(summary = "OHLCV bars of a symbol",
            description = "Bars oldest first. `t` is the bar's open time in epoch milliseconds UTC (for daily and longer"
                    + " bars, the open of the regular session). Intraday bars cover the regular session; intervals"
                    + " without trades are omitted. `from` is inclusive, `to` exclusive; dates are midnight in the"
                    + " market's time zone. Without `from`, the last 30 sessions. Pages of at most `limit` bars; follow"
                    + " `next` (with the same symbol, interval, adjustment and session) for the rest. Adjustment is backward"
                    + " (CRSP/Yahoo): a split of ratio r divides earlier prices by r and multiplies earlier volumes by r;"
                    + " a dividend D with previous close P multiplies earlier prices by 1 - D/P. `adjustedThrough` is the"
                    + " ex-date of the latest action applied. If corporate actions cannot be had, bars come raw and"
                    + " `adjustment` says `raw`. Without real time on the market (free plan; CSE without realtime-cse),"
                    + " intraday bars end 15 minutes ago and daily, weekly and monthly bars leave out the bar in progress:"
                    + " a bar is served once a full period plus 15 minutes has passed since its open.")
    @APIResponse(responseCode = "200", description = "Bars", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OhlcvResponse.class), examples = @ExampleObject(name = "AAPL daily", value = """
                    {"symbol":"AAPL","market":"NASDAQ","currency":"USD","timezone":"America/New_York","interval":"1d",
                     "session":"regular","adjustment":"split","adjustedThrough":"2020-08-31","bars":[{"t":1735828200000,"o":243.1,"h":245.5,"l":241.9,"c":243.85,"v":41230000,"n":343583,"vw":243.61}],
                     "source":{"provider":"simulator","cache":"none","stale":false,"asOf":"2025-01-03T21:00:00Z"},"next":null}""")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid (the problem names it)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "bad interval", value = """
                    {"type":"/problems/invalid-parameter","title":"Invalid request parameter","status":400,
                     "detail":"'7x' is not an interval. Use one of 1m, 5m, 15m, 30m, 1h, 1d, 1w, 1mo.","instance":"/api/v1/market-data/ohlcv/AAPL","parameter":"interval"}""")))
    @APIResponse(responseCode = "404", description = "Unknown symbol", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "No provider could answer and nothing is cached (with Retry-After)",
            content = @Content(mediaType = "application/problem+json"))
    public Response ohlcv(
            @Parameter(description = "Canonical symbol: AAPL, BRK.B, ATW.CSE, MASI.CSE, USD/MAD (case-insensitive)",
                    example = "AAPL") @PathParam("symbol") String symbol,
            @Parameter(description = "1m 5m 15m 30m 1h 1d 1w 1mo", example = "1d") @QueryParam("interval") String interval,
            @Parameter(description = "Inclusive start: a date (2025-01-02) or an instant with offset (2025-01-02T14:30:00Z)")
            @QueryParam("from") String from,
            @Parameter(description = "Exclusive end: a date or an instant; default now") @QueryParam("to") String to,
            @Parameter(description = "Most bars per page, 1 to 10000 (default 10000)") @QueryParam("limit") String limit,
            @Parameter(description = "raw, split (default) or all (split and dividend)") @QueryParam("adjustment") String adjustment,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("next") String next,
            @Parameter(description = "regular (default) or extended: US pre-market 04:00-09:30 and post-market"
                    + " 16:00-20:00 New York in intraday intervals (other markets have regular sessions only)")
            @QueryParam("session") String session) {
        OhlcvQuery query = OhlcvQuery.parse(symbol, interval, adjustment, from, to, limit, next, session);
        return Response.ok(cache.get(query, marketData::ohlcv), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
