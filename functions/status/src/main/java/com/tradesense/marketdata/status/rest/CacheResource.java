package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.cache.LayerStatistics;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.symbols.SymbolMaster;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bar cache layers of this process: statistics and manual invalidation. */
@Path("/api/v1/cache")
@Tag(name = "Cache")
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {
    private final LayeredBarCache cache;
    private final SymbolMaster symbols;

    public CacheResource(LayeredBarCache cache, SymbolMaster symbols) {
        this.cache = cache;
        this.symbols = symbols;
    }

    public record LayerJson(String layer, String dataType, long hits, long misses, double hitRatio, long errors, Long entries, Long memoryBytes,
                            Long evictions, boolean degraded, String lastError) {
        static LayerJson of(LayerStatistics s) {
            return of("bars", s);
        }

        static LayerJson of(String dataType, LayerStatistics s) {
            return new LayerJson(s.layer(), dataType, s.hits(), s.misses(), Math.round(s.hitRatio() * 10_000) / 10_000.0, s.errors(),
                    s.entries() < 0 ? null : s.entries(), s.memoryBytes() < 0 ? null : s.memoryBytes(),
                    s.evictions() < 0 ? null : s.evictions(), s.degraded(), s.lastError());
        }
    }

    public record StatisticsJson(List<LayerJson> layers, List<LayerJson> answers, Map<String, String> ttl) {
    }

    /** The symbol's data types the caches hold; they are dropped together (an adjusted answer depends on the actions). */
    static final List<String> SYMBOL_DATA_TYPES = List.of("ohlcv", "fundamentals", "corporate_actions", "news");

    public record InvalidatedJson(String symbol, String dataType, long dropped, List<String> layers) {
    }

    @GET
    @Path("statistics")
    @Blocking // asks the stores how many entries they hold
    @Operation(summary = "Cache statistics",
            description = "Per bar cache layer of this process, in read order (local, redis, infinispan, postgres; only those "
                    + "configured): look-ups that hit and missed since start, hit ratio, store errors, entries held, bytes held "
                    + "(`memoryBytes`: encoded values in memory, table size in PostgreSQL) and evictions where the store can say (null otherwise), whether the layer is degraded (store unreachable, skipped), and the "
                    + "TTL policy per data type (ISO-8601; PT0S = until invalidated). No layers configured: `layers` is empty. "
                    + "`answers`: the per-query answer caches of the historical function when it runs in this process "
                    + "(standalone), one per `dataType` (`ohlcv`, `fundamentals`, `corporate_actions`, `economic`, `news`), same fields.")
    @APIResponse(responseCode = "200", description = "Statistics")
    public StatisticsJson statistics() {
        return new StatisticsJson(cache.statistics().stream().map(LayerJson::of).toList(),
                cache.answerCachesByType().entrySet().stream().map(e -> LayerJson.of(e.getKey(), e.getValue())).toList(),
                cache.policy().describe());
    }

    @DELETE
    @Operation(summary = "Invalidate a symbol's cached data",
            description = "Drops the symbol's cached bars from every bar cache layer this process reaches, and the cached "
                    + "answers built on them in this process. With Redis configured, other processes are told through Redis "
                    + "pub/sub and drop their in-process copies too; without it they expire by TTL. Needs the admin role "
                    + "(an access token from an admin API key): other callers get 403.")
    @APIResponse(responseCode = "200", description = "What was dropped")
    @APIResponse(responseCode = "400", description = "`symbol` missing, or an unknown `dataType`",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown symbol", content = @Content(mediaType = "application/problem+json"))
    public InvalidatedJson invalidate(@Parameter(description = "Canonical symbol", example = "AAPL") @QueryParam("symbol") String symbol,
                                      @Parameter(description = "`ohlcv`, `fundamentals`, `corporate_actions` or `news`; every one of the symbol's cached data types is dropped together")
                                      @QueryParam("dataType") String dataType) {
        if (symbol == null || symbol.isBlank()) {
            throw new InvalidParameterException("symbol", "Say which symbol to invalidate: DELETE /api/v1/cache?symbol=AAPL");
        }
        String type = dataType == null || dataType.isBlank() ? "ohlcv" : dataType.trim().toLowerCase(Locale.ROOT);
        if (!SYMBOL_DATA_TYPES.contains(type)) {
            throw new InvalidParameterException("dataType", "Cached data of a symbol is one of " + String.join(", ", SYMBOL_DATA_TYPES)
                    + ", not '" + ClientInput.echo(dataType) + "'.");
        }
        String canonical = symbol.trim();
        if (symbols.find(canonical).isEmpty()) {
            throw new NotFoundException("symbol", "No listing '" + canonical + "'. Find symbols with GET /api/v1/markets/{market}/symbols?q=");
        }
        long dropped = cache.invalidate(canonical, null);
        return new InvalidatedJson(canonical, type, dropped, cache.layers().stream().map(l -> l.wireName()).toList());
    }
}
