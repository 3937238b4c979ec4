package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.economy.EconomicQuery;
import com.tradesense.marketdata.economy.EconomyService;
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

import java.util.Set;

/** {@code GET /api/v1/economic-indicators/{country}/{indicator}}: one macro series. */
@Path("/api/v1/economic-indicators")
@Tag(name = "Historical data")
@Produces(MediaType.APPLICATION_JSON)
public class EconomicIndicatorResource {
    private final EconomyService economy;

    private final ResearchAnswerCache answers;

    public EconomicIndicatorResource(EconomyService economy, ResearchAnswerCache answers) {
        this.answers = answers;
        this.economy = economy;
    }

    @GET
    @Path("{country}/{indicator}")
    @Blocking
    @Operation(summary = "A macro series of the US or Morocco",
            description = "Observations `{date, value}` oldest first, with the series' `unit` and `frequency`. gdp: real GDP"
                    + " growth year on year (quarterly); inflation: consumer prices year on year (monthly); unemployment:"
                    + " rate (US monthly, MA quarterly); policy-rate: the central bank's rate (Fed funds target upper bound,"
                    + " Bank Al-Maghrib key rate), one observation per decision, `frequency` = `irregular`. For periodic"
                    + " series `date` is the first day of the period. `from` and `to` are dates, both inclusive (default:"
                    + " 2000-01-01 to today); a policy-rate series also starts with the decision in force at `from`, so its"
                    + " level is known from the first day.")
    @APIResponse(responseCode = "200", description = "The series", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "Fed policy rate", value = """
                    {"country":"US","indicator":"policy-rate","title":"Central bank policy rate","unit":"percent","frequency":"irregular",
                     "observations":[{"date":"2024-09-18","value":5.0},{"date":"2024-11-07","value":4.75},{"date":"2024-12-18","value":4.5}],
                     "source":{"provider":"simulator","cache":"none","stale":false,"asOf":"2026-11-26T14:00:00Z"}}""")))
    @APIResponse(responseCode = "400", description = "A date is malformed or `from` is after `to` (the problem names it)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown country or indicator (the problem names it)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "unknown country", value = """
                    {"type":"/problems/not-found","title":"Not found","status":404,"detail":"No economic data for country 'FR'.
                     Countries: US, MA (ISO 3166 codes).","instance":"/api/v1/economic-indicators/FR/gdp","parameter":"country"}""")))
    @APIResponse(responseCode = "503", description = "No provider could answer (with Retry-After)",
            content = @Content(mediaType = "application/problem+json"))
    public EconomicSeriesResponse series(
            @Parameter(description = "US or MA (case-insensitive)", example = "US") @PathParam("country") String country,
            @Parameter(description = "gdp, inflation, unemployment or policy-rate", example = "policy-rate")
            @PathParam("indicator") String indicator,
            @Parameter(description = "First date, inclusive (2020-01-01); default 2000-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last date, inclusive; default today") @QueryParam("to") String to) {
        EconomicQuery q = EconomicQuery.parse(country, indicator, from, to);
        return answers.get("economic", new ResearchAnswerCache.Key(Set.of(), q), () -> EconomicSeriesResponse.of(economy.series(q)));
    }
}
