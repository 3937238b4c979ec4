package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.news.NewsQuery;
import com.tradesense.marketdata.news.NewsService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import java.util.stream.Collectors;

/** {@code GET /api/v1/news}: stories about symbols, deduplicated across providers. */
@Path("/api/v1/news")
@Tag(name = "Historical data")
@Produces(MediaType.APPLICATION_JSON)
public class NewsResource {
    private final NewsService news;

    private final ResearchAnswerCache answers;

    public NewsResource(NewsService news, ResearchAnswerCache answers) {
        this.answers = answers;
        this.news = news;
    }

    @GET
    @Blocking
    @Operation(summary = "News about symbols, or market-wide",
            description = "Stories newest first, deduplicated across providers: the same story (same canonical URL, or the"
                    + " same headline within 6 hours about the same symbols) is one item listing every provider in"
                    + " `sources`, with the earliest publication time `t` (epoch ms UTC). Without `symbols`, market-wide"
                    + " news (market closes, central bank decisions). `from` (inclusive) is a date (midnight UTC) or an"
                    + " instant; default 30 days ago. At most `limit` stories (1 to 1000, default 50); for older ones, ask"
                    + " again with an earlier `from` and a larger `limit`. `source.provider` lists the providers that"
                    + " answered, comma-separated.")
    @APIResponse(responseCode = "200", description = "Stories", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "AAPL", value = """
                    {"symbols":["AAPL"],"from":"2026-10-27T14:00:00Z",
                     "items":[{"id":"9c1f0e8a4b7d2c31","t":1764172800000,"headline":"Apple Inc. declares quarterly dividend",
                       "summary":"The board of Apple Inc. declared a cash dividend; ... (Simulated story.)",
                       "url":"https://news.example.com/2026/11/26/apple-inc-declares-quarterly-dividend-1a2b3c4d",
                       "symbols":["AAPL"],"sources":["simulator"]}],
                     "source":{"provider":"simulator","cache":"none","stale":false,"asOf":"2026-11-26T14:00:00Z"}}""")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid (the problem names it)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "too many symbols", value = """
                    {"type":"/problems/invalid-parameter","title":"Invalid request parameter","status":400,
                     "detail":"At most 50 symbols per request, not 51.","instance":"/api/v1/news","parameter":"symbols"}""")))
    @APIResponse(responseCode = "404", description = "An unknown symbol (the problem names `symbols`)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "No provider could answer (with Retry-After)",
            content = @Content(mediaType = "application/problem+json"))
    public NewsResponse news(
            @Parameter(description = "Canonical symbols, comma-separated, at most 50: AAPL,MSFT,ATW.CSE; omit for market-wide news",
                    example = "AAPL,ATW.CSE") @QueryParam("symbols") String symbols,
            @Parameter(description = "Oldest publication time, inclusive: a date (2026-11-01, midnight UTC) or an instant with offset")
            @QueryParam("from") String from,
            @Parameter(description = "Most stories, 1 to 1000 (default 50)") @QueryParam("limit") String limit) {
        NewsQuery q = NewsQuery.parse(symbols, from, limit);
        Set<String> about = q.symbols().stream().map(s -> s.value()).collect(Collectors.toSet());
        return answers.get("news", new ResearchAnswerCache.Key(about, q), () -> NewsResponse.of(news.news(q)));
    }
}
