package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.bars.BarValidator;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.symbols.Listing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Yahoo Finance chart API ({@code GET /v8/finance/chart/{symbol}}): unofficial and undocumented, so
 * the lowest priority by default. Shapes per VENDORS.md section 2 (captures from open-source clients).
 *
 * <p>Symbology: class shares take a dash ({@code BRK.B} is {@code BRK-B}). Casablanca as
 * {@code ATW.CS} is <b>UNCONFIRMED</b> (Morocco is not on Yahoo's exchange list; expect 404): the
 * CSE market is served only when {@code MDE_PROVIDER_YAHOO_CASABLANCA=true}.
 *
 * <p>Caveat (not verified here): Yahoo's OHLC are commonly reported to be split-adjusted, unlike the
 * raw bars the SPI asks for; its split events are returned so the engine can tell.
 *
 * <p>Errors: every error body is {@code {"chart":{"result":null,"error":{"code","description"}}}};
 * 404 "Not Found" and 400/422 (interval or range not available) are {@code NOT_COVERED}; 429 (a text
 * body {@code Edge: Too Many Requests}) is {@code RATE_LIMITED}; 5xx {@code UNAVAILABLE}; anything
 * else, including arrays not parallel to {@code timestamp}, is {@code BAD_RESPONSE}.
 */
public final class YahooChartProvider implements Provider {
    public static final String ID = "yahoo";
    public static final String DEFAULT_BASE_URL = "https://query1.finance.yahoo.com";
    /** Without a browser-like User-Agent Yahoo answers 429. */
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(60);
    private static final EnumSet<Interval> INTERVALS = EnumSet.of(Interval.M1, Interval.M5, Interval.M15,
            Interval.M30, Interval.H1, Interval.D1);

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final ProviderCapabilities capabilities;

    public YahooChartProvider(VendorConfig config, MarketCalendars calendars, Clock clock, boolean casablanca) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
        this.calendars = calendars;
        this.clock = clock;
        EnumSet<Market> markets = EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX, Market.OTC);
        if (casablanca) {
            markets.add(Market.CSE);
        }
        this.capabilities = new ProviderCapabilities(markets, EnumSet.of(DataType.OHLCV, DataType.CORPORATE_ACTIONS),
                INTERVALS, false, false);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    public static String toVendor(Listing listing) {
        String s = listing.symbol();
        if (listing.market() == Market.CSE) {
            return (s.endsWith(".CSE") ? s.substring(0, s.length() - 4) : s) + ".CS"; // UNCONFIRMED suffix
        }
        if (listing.market().isUs()) {
            return s.replace('.', '-');
        }
        throw new IllegalArgumentException("yahoo adapter does not map " + listing.market());
    }

    public static String toCanonical(String yahooSymbol) {
        if (yahooSymbol.endsWith(".CS")) {
            return yahooSymbol.substring(0, yahooSymbol.length() - 3) + ".CSE";
        }
        return yahooSymbol.replace('-', '.');
    }

    static String wireInterval(Interval i) {
        return switch (i) {
            case M1 -> "1m";
            case M5 -> "5m";
            case M15 -> "15m";
            case M30 -> "30m";
            case H1 -> "60m";
            case D1 -> "1d";
            case W1 -> "1wk";
            case MO1 -> "1mo";
        };
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        if (!INTERVALS.contains(request.interval()) || !capabilities.markets().contains(listing.market())) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + request.interval().wireName() + " bars for " + listing.market());
        }
        JsonNode result = chart(listing, request.from(), request.to(), wireInterval(request.interval()), request.extendedHours());
        if (result == null) {
            return List.of();
        }
        MarketCalendar calendar = calendars.of(listing.market());
        JsonNode ts = result.get("timestamp");
        if (ts == null) {
            return List.of(); // documented: no bars in the window
        }
        JsonNode quote = result.path("indicators").path("quote").path(0);
        if (!ts.isArray() || !quote.isObject()) {
            throw http.badResponse("chart result without timestamp array / indicators.quote[0]");
        }
        int n = ts.size();
        JsonNode[] cols = new JsonNode[5];
        String[] names = {"open", "high", "low", "close", "volume"};
        for (int i = 0; i < 5; i++) {
            cols[i] = quote.get(names[i]);
            if (cols[i] == null || !cols[i].isArray() || cols[i].size() != n) {
                throw http.badResponse("indicators.quote[0]." + names[i] + " is not an array parallel to timestamp");
            }
        }
        boolean daily = !request.interval().isIntraday();
        ZoneId zone = listing.market().zone();
        List<Bar> bars = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JsonNode t = ts.get(i);
            if (!t.isIntegralNumber()) {
                throw http.badResponse("timestamp[" + i + "] is not epoch seconds: " + t);
            }
            if (cols[0].get(i).isNull() || cols[1].get(i).isNull() || cols[2].get(i).isNull() || cols[3].get(i).isNull()) {
                continue; // documented: any element may be null (no trade in that slot)
            }
            for (int c = 0; c < 5; c++) {
                JsonNode v = cols[c].get(i);
                if (!v.isNull() && !v.isNumber()) {
                    throw http.badResponse(names[c] + "[" + i + "] is not a number: " + VendorHttp.excerpt(v.toString()));
                }
            }
            long ms = t.longValue() * 1000L;
            if (daily) { // stamped at the session open UTC by Yahoo; re-stamped from the calendar
                ms = VendorBars.dailyStamp(calendar, Instant.ofEpochMilli(ms).atZone(zone).toLocalDate());
            }
            Bar b = BarValidator.repair(ms, cols[0].get(i).doubleValue(), cols[1].get(i).doubleValue(),
                    cols[2].get(i).doubleValue(), cols[3].get(i).doubleValue(),
                    cols[4].get(i).isNull() ? 0L : cols[4].get(i).longValue(), Bar.NO_COUNT, Double.NaN);
            if (b != null) {
                bars.add(b);
            }
        }
        return VendorBars.window(bars, request);
    }

    @Override
    public List<CorporateAction> corporateActions(Listing listing, LocalDate from, LocalDate to) {
        if (!capabilities.markets().contains(listing.market())) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no corporate actions for " + listing.market());
        }
        ZoneId zone = listing.market().zone();
        JsonNode result = chart(listing, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(), "1d", false);
        List<CorporateAction> out = new ArrayList<>();
        if (result == null) {
            return out;
        }
        JsonNode events = result.path("events");
        String currency = result.path("meta").path("currency").asText(listing.currency());
        for (JsonNode s : entries(events.get("splits"))) {
            double num = http.number(s, "numerator");
            double den = http.number(s, "denominator");
            LocalDate d = eventDate(s, zone);
            if (!(num > 0 && den > 0)) {
                throw http.badResponse("split with non-positive factors: " + VendorHttp.excerpt(s.toString()));
            }
            if (num != den && !d.isBefore(from) && !d.isAfter(to)) {
                out.add(new CorporateAction.Split(d, num / den, ID));
            }
        }
        for (JsonNode dv : entries(events.get("dividends"))) {
            double amount = http.number(dv, "amount");
            LocalDate d = eventDate(dv, zone);
            if (amount > 0 && !d.isBefore(from) && !d.isAfter(to)) {
                out.add(new CorporateAction.CashDividend(d, null, amount, dv.path("currency").asText(currency), ID));
            }
        }
        out.sort(Comparator.comparing(CorporateAction::effectiveDate));
        return out;
    }

    private LocalDate eventDate(JsonNode e, ZoneId zone) {
        return Instant.ofEpochSecond((long) http.number(e, "date")).atZone(zone).toLocalDate();
    }

    /** Events are objects keyed by epoch-second strings, not arrays. */
    private List<JsonNode> entries(JsonNode map) {
        if (map == null || map.isNull()) {
            return List.of();
        }
        if (!map.isObject()) {
            throw http.badResponse("events are not an object keyed by date");
        }
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /** {@code chart.result[0]}, or null when the documented empty answer ({@code result: []}) came back. */
    private JsonNode chart(Listing listing, Instant from, Instant to, String interval, boolean prePost) {
        String path = "/v8/finance/chart/" + URLEncoder.encode(toVendor(listing), StandardCharsets.UTF_8);
        VendorHttp.Response r = http.get(VendorHttp.uri(config.baseUrl(), path, VendorHttp.params(
                "period1", Long.toString(from.getEpochSecond()),
                "period2", Long.toString(to.getEpochSecond()),
                "interval", interval,
                "includePrePost", Boolean.toString(prePost),
                "events", "div,splits")), Map.of("User-Agent", USER_AGENT));
        int s = r.status();
        if (s == 429) {
            Duration retry = VendorHttp.retryAfter(r, clock.instant());
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429: " + VendorHttp.excerpt(r.body()),
                    retry != null ? retry : DEFAULT_PAUSE, null);
        }
        if (s >= 500) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + s + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body = http.json(r);
        JsonNode chart = body.get("chart");
        if (chart == null || !chart.isObject()) {
            throw http.badResponse("no 'chart' object: " + VendorHttp.excerpt(r.body()));
        }
        JsonNode error = chart.get("error");
        if (error != null && !error.isNull()) {
            String code = error.path("code").asText("");
            String description = error.path("description").asText("");
            if (Set.of(404, 400, 422).contains(s) || Set.of("Not Found", "Bad Request", "Unprocessable Entity").contains(code)) {
                throw new ProviderException(ID, Reason.NOT_COVERED, code + ": " + description);
            }
            throw http.badResponse("chart.error " + code + ": " + description);
        }
        if (s != 200) {
            throw http.badResponse("HTTP " + s + " without chart.error: " + VendorHttp.excerpt(r.body()));
        }
        JsonNode result = chart.get("result");
        if (result == null || !result.isArray()) {
            throw http.badResponse("chart.result is not an array: " + VendorHttp.excerpt(r.body()));
        }
        if (result.isEmpty()) {
            return null;
        }
        JsonNode first = result.get(0);
        if (!first.isObject()) {
            throw http.badResponse("chart.result[0] is not an object");
        }
        return first;
    }
}
