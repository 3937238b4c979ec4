package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.QueryParameters;
import com.tradesense.marketdata.rest.MarketParam;
import com.tradesense.marketdata.symbols.SearchPage;
import com.tradesense.marketdata.symbols.SymbolMaster;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Market information: the markets, their status at an instant, holidays and symbols. */
@Path("/api/v1/markets")
@Tag(name = "Market information")
@Produces(MediaType.APPLICATION_JSON)
public class MarketsResource {
    private final MarketCalendars calendars;
    private final SymbolMaster symbols;
    private final Clock clock;

    public MarketsResource(MarketCalendars calendars, SymbolMaster symbols, Clock clock) {
        this.calendars = calendars;
        this.symbols = symbols;
        this.clock = clock;
    }

    public record MarketsJson(List<MarketJson> markets) {
    }

    public record HolidaysJson(String market, String timezone, String from, String to, List<HolidayJson> holidays) {
    }

    public record SymbolsJson(String market, List<ListingJson> symbols, String next) {
    }

    @GET
    @Operation(summary = "The markets", description = "Each market with its MIC, time zone, currency and session templates.")
    public MarketsJson markets() {
        return new MarketsJson(Arrays.stream(Market.values()).map(m -> MarketJson.of(calendars.of(m))).toList());
    }

    @GET
    @Path("{market}/status")
    @Operation(summary = "Market status at an instant",
            description = "Whether the market is open at `at` (default now), in which phase, and the next open and close.")
    @APIResponse(responseCode = "200", description = "Status", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "NYSE on Christmas", value = """
                    {"market":"NYSE","status":"closed","session":"holiday","reason":"Christmas Day",
                     "nextOpen":"2026-12-28T09:30:00-05:00","nextClose":"2026-12-28T16:00:00-05:00",
                     "localTime":"2026-12-25T10:00:00-05:00","timezone":"America/New_York"}""")))
    @APIResponse(responseCode = "400", description = "`at` is not an instant with offset, or outside 2000-2035",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown market", content = @Content(mediaType = "application/problem+json"))
    public StatusJson status(@Parameter(example = "NYSE") @PathParam("market") String market,
                             @Parameter(description = "Instant with offset, e.g. 2026-12-24T18:00:00Z; default now")
                             @QueryParam("at") String at) {
        MarketCalendar calendar = calendars.of(MarketParam.parse(market));
        Instant instant = at == null || at.isEmpty() ? clock.instant() : parseInstant(at);
        int year = LocalDate.ofInstant(instant, calendar.market().zone()).getYear();
        if (year < calendar.firstYear() || year > calendar.lastYear()) {
            throw new InvalidParameterException("at", "Calendars cover " + calendar.firstYear() + " to " + calendar.lastYear() + ".");
        }
        return StatusJson.of(calendar.statusAt(instant));
    }

    @GET
    @Path("{market}/holidays")
    @Operation(summary = "Holidays and early closes",
            description = "For one `year` (default this year) or the dates in [`from`, `to`). Lunar holidays not yet"
                    + " announced are astronomical estimates and say `\"estimated\": true`.")
    @APIResponse(responseCode = "200", description = "Holidays", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "NYSE 2026", value = """
                    {"market":"NYSE","timezone":"America/New_York","from":"2026-01-01","to":"2027-01-01","holidays":[
                     {"date":"2026-01-01","name":"New Year's Day","status":"closed","estimated":false},
                     {"date":"2026-11-27","name":"Day after Thanksgiving","status":"early_close","closeTime":"13:00","estimated":false}]}""")))
    public HolidaysJson holidays(@Parameter(example = "CSE") @PathParam("market") String market,
                                 @Parameter(description = "Calendar year, 2000-2035") @QueryParam("year") String year,
                                 @Parameter(description = "First date, inclusive (instead of year)") @QueryParam("from") String from,
                                 @Parameter(description = "End date, exclusive") @QueryParam("to") String to) {
        MarketCalendar calendar = calendars.of(MarketParam.parse(market));
        LocalDate start;
        LocalDate end;
        boolean range = notEmpty(from) || notEmpty(to);
        if (range && notEmpty(year)) {
            throw new InvalidParameterException("year", "Give either year or from/to, not both.");
        }
        if (range) {
            start = notEmpty(from) ? parseDate(from, "from") : LocalDate.of(calendar.firstYear(), 1, 1);
            end = notEmpty(to) ? parseDate(to, "to") : LocalDate.of(calendar.lastYear() + 1, 1, 1);
            if (!start.isBefore(end)) {
                throw new InvalidParameterException("from", "'from' must be before 'to'.");
            }
        } else {
            int y = notEmpty(year) ? parseYear(year, calendar) : LocalDate.now(clock.withZone(calendar.market().zone())).getYear();
            start = LocalDate.of(y, 1, 1);
            end = start.plusYears(1);
        }
        LocalDate min = LocalDate.of(calendar.firstYear(), 1, 1);
        LocalDate max = LocalDate.of(calendar.lastYear() + 1, 1, 1);
        if (start.isBefore(min) || end.isAfter(max)) {
            throw new InvalidParameterException(range ? (start.isBefore(min) ? "from" : "to") : "year",
                    "Calendars cover " + calendar.firstYear() + " to " + calendar.lastYear() + ".");
        }
        List<HolidayJson> list = calendar.holidays(start, end.minusDays(1)).stream().map(HolidayJson::of).toList();
        return new HolidaysJson(calendar.market().name(), calendar.market().zone().getId(), start.toString(), end.toString(), list);
    }

    @GET
    @Path("{market}/symbols")
    @Operation(summary = "Search the market's symbols",
            description = "`q` matches a ticker prefix (ATW) or the start of words of the name (attijari, bank america)."
                    + " Exact ticker first, then ticker prefixes, then name matches. Pages of `limit` (default 100, max 1000);"
                    + " follow `next` for more.")
    public SymbolsJson symbols(@Parameter(example = "CSE") @PathParam("market") String market,
                               @Parameter(description = "Ticker prefix or name words", example = "attijari") @QueryParam("q") String q,
                               @Parameter(description = "equity, etf, index or currency_pair") @QueryParam("type") String type,
                               @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit,
                               @Parameter(description = "Cursor from the previous page") @QueryParam("next") String next) {
        Market m = MarketParam.parse(market);
        AssetType t = notEmpty(type) ? AssetType.fromWire(type).orElseThrow(() -> new InvalidParameterException("type",
                "'" + ClientInput.echo(type) + "' is not a type. Use equity, etf, index or currency_pair.")) : null;
        int l = QueryParameters.limit(limit, "limit", 1000, 100);
        SearchPage page = symbols.search(m, notEmpty(q) ? q : null, t, l, notEmpty(next) ? next : null);
        return new SymbolsJson(m.name(), page.items().stream().map(ListingJson::of).toList(), page.next());
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static Instant parseInstant(String raw) {
        try {
            if (raw.length() <= 40) {
                return OffsetDateTime.parse(raw).toInstant();
            }
        } catch (DateTimeParseException e) {
            // fall through to the problem below
        }
        throw new InvalidParameterException("at", "'" + ClientInput.echo(raw)
                + "' is not an instant with offset, such as 2026-12-24T18:00:00Z or 2026-12-24T13:00:00-05:00.");
    }

    private static LocalDate parseDate(String raw, String parameter) {
        return QueryParameters.date(raw, parameter).orElseThrow();
    }

    private static int parseYear(String raw, MarketCalendar calendar) {
        if (raw.length() == 4 && raw.chars().allMatch(Character::isDigit)) {
            int y = Integer.parseInt(raw);
            if (y >= calendar.firstYear() && y <= calendar.lastYear()) {
                return y;
            }
        }
        throw new InvalidParameterException("year", "'" + ClientInput.echo(raw) + "' is not a year from "
                + calendar.firstYear() + " to " + calendar.lastYear() + ".");
    }
}
