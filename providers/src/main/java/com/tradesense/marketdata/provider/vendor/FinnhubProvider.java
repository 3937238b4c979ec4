package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.bars.BarValidator;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderException.Reason;
import com.tradesense.marketdata.symbols.Listing;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finnhub REST, per VENDORS.md section 5: candles ({@code /stock/candle}, columnar arrays, epoch-second
 * stamps, {@code {"s":"no_data"}} for none), splits ({@code /stock/split}), cash dividends
 * ({@code /stock/dividend}, premium; keys beyond {@code symbol,date,amount,currency} UNCONFIRMED), the company
 * profile ({@code /stock/profile2}; market cap and shares in millions) and company news
 * ({@code /company-news}, {@code /news?category=general} when no symbol is asked).
 *
 * <p>Symbology: US only; canonical {@code BRK.B} is sent as {@code BRK.B} (class-share form UNCONFIRMED).
 * The key goes in the {@code X-Finnhub-Token} header, never in the URL (so it is in no access log).
 *
 * <p>Errors are {@code {"error":"<text>"}}: 429 (and, reportedly, a 200 carrying "API limit reached":
 * UNCONFIRMED) is {@code RATE_LIMITED} with Retry-After, else 60 s (the free plan counts per minute);
 * 401 (no or bad key) and 5xx are {@code UNAVAILABLE}; 403 "You don't have access to this resource" (a
 * premium endpoint on a smaller plan: candles since 2024, UNCONFIRMED, and dividends) is
 * {@code NOT_COVERED}, so the router asks another provider; any other shape is {@code BAD_RESPONSE}.
 * The real-time quote ({@code /quote}) is not read: the engine's quotes come from the stream
 * ({@link com.tradesense.marketdata.provider.stream.FinnhubTradeFeed}).
 */
public final class FinnhubProvider implements Provider {
    public static final String ID = "finnhub";
    public static final String DEFAULT_BASE_URL = "https://finnhub.io/api/v1";
    static final String TOKEN_HEADER = "X-Finnhub-Token";
    private static final EnumSet<Interval> INTERVALS = EnumSet.of(Interval.M1, Interval.M5, Interval.M15,
            Interval.M30, Interval.H1, Interval.D1);

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final ProviderCapabilities capabilities = new ProviderCapabilities(
            EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX),
            EnumSet.of(DataType.OHLCV, DataType.CORPORATE_ACTIONS, DataType.FUNDAMENTALS, DataType.NEWS),
            INTERVALS, false, false);

    public FinnhubProvider(VendorConfig config, MarketCalendars calendars, Clock clock) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
        this.calendars = calendars;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** Canonical {@code AAPL}, {@code BRK.B} to Finnhub's ticker: the same, for US listings only. */
    public static String toVendor(Listing listing) {
        if (!listing.market().isUs()) {
            throw new IllegalArgumentException("finnhub adapter does not map " + listing.market());
        }
        return listing.symbol();
    }

    /** Finnhub's US ticker to the canonical symbol; exchange-prefixed ones ({@code BINANCE:BTCUSDT}) have none. */
    public static String toCanonical(String ticker) {
        if (ticker == null || ticker.isBlank() || ticker.contains(":")) {
            throw new IllegalArgumentException("no canonical symbol for finnhub ticker '" + ticker + "'");
        }
        return ticker;
    }

    static String resolution(Interval i) {
        return switch (i) {
            case M1 -> "1";
            case M5 -> "5";
            case M15 -> "15";
            case M30 -> "30";
            case H1 -> "60";
            case D1 -> "D";
            case W1 -> "W";
            case MO1 -> "M";
        };
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        if (!INTERVALS.contains(request.interval()) || !capabilities.markets().contains(listing.market())) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + request.interval().wireName() + " bars for " + listing.market());
        }
        // from/to are inclusive epoch seconds
        long from = request.from().getEpochSecond();
        long to = Math.max(from, request.to().minusMillis(1).getEpochSecond());
        JsonNode body = get("/stock/candle", VendorHttp.params("symbol", toVendor(listing),
                "resolution", resolution(request.interval()), "from", Long.toString(from), "to", Long.toString(to)));
        if (!body.isObject()) {
            throw http.badResponse("candles are not an object: " + VendorHttp.excerpt(body.toString()));
        }
        String status = body.path("s").asText("");
        if (status.equals("no_data")) {
            return List.of();
        }
        if (!status.equals("ok")) {
            throw http.badResponse("candles with status '" + status + "': " + VendorHttp.excerpt(body.toString()));
        }
        JsonNode t = array(body, "t");
        JsonNode o = array(body, "o");
        JsonNode h = array(body, "h");
        JsonNode l = array(body, "l");
        JsonNode c = array(body, "c");
        JsonNode v = array(body, "v");
        int n = t.size();
        if (o.size() != n || h.size() != n || l.size() != n || c.size() != n || v.size() != n) {
            throw http.badResponse("candle arrays of different lengths (t=" + n + ", o=" + o.size() + ", h=" + h.size()
                    + ", l=" + l.size() + ", c=" + c.size() + ", v=" + v.size() + ")");
        }
        MarketCalendar calendar = calendars.of(listing.market());
        boolean daily = !request.interval().isIntraday();
        List<Bar> bars = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long stamp = Math.multiplyExact(element(t, i, "t").longValue(), 1000L);
            if (daily) { // Finnhub stamps a day at midnight New York; the engine at the session open
                stamp = VendorBars.dailyStamp(calendar, Instant.ofEpochMilli(stamp).atZone(listing.market().zone()).toLocalDate());
            }
            Bar b = BarValidator.repair(stamp, element(o, i, "o").doubleValue(), element(h, i, "h").doubleValue(),
                    element(l, i, "l").doubleValue(), element(c, i, "c").doubleValue(), Math.round(element(v, i, "v").doubleValue()),
                    Bar.NO_COUNT, Double.NaN);
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
        String symbol = toVendor(listing);
        Map<String, String> q = VendorHttp.params("symbol", symbol, "from", from.toString(), "to", to.toString());
        List<CorporateAction> out = new ArrayList<>();
        for (JsonNode s : list("/stock/split", new HashMap<>(q))) {
            checkSymbol(s, symbol);
            double fromFactor = http.number(s, "fromFactor");
            double toFactor = http.number(s, "toFactor");
            if (!(fromFactor > 0 && toFactor > 0)) {
                throw http.badResponse("split with non-positive factors: " + VendorHttp.excerpt(s.toString()));
            }
            if (fromFactor != toFactor) { // 7-for-1 is fromFactor 1, toFactor 7: ratio 7
                out.add(new CorporateAction.Split(date(s, "date"), toFactor / fromFactor, ID));
            }
        }
        for (JsonNode d : list("/stock/dividend", new HashMap<>(q))) {
            checkSymbol(d, symbol);
            double amount = http.number(d, "amount");
            if (amount > 0) {
                LocalDate pay = d.hasNonNull("payDate") && !d.get("payDate").asText().isEmpty() ? date(d, "payDate") : null;
                out.add(new CorporateAction.CashDividend(date(d, "date"), pay, amount,
                        d.hasNonNull("currency") ? http.text(d, "currency") : listing.currency(), ID));
            }
        }
        out.sort(Comparator.comparing(CorporateAction::effectiveDate));
        return out;
    }

    @Override
    public Fundamentals fundamentals(Listing listing) {
        if (!capabilities.markets().contains(listing.market())) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no fundamentals for " + listing.market());
        }
        String symbol = toVendor(listing);
        JsonNode p = get("/stock/profile2", VendorHttp.params("symbol", symbol));
        if (!p.isObject()) {
            throw http.badResponse("profile is not an object: " + VendorHttp.excerpt(p.toString()));
        }
        if (p.isEmpty()) { // Finnhub's answer for a symbol it does not know
            throw new ProviderException(ID, Reason.NOT_COVERED, "no profile for " + symbol);
        }
        String ticker = http.text(p, "ticker");
        if (!ticker.equals(symbol)) {
            throw http.badResponse("profile of '" + ticker + "' for '" + symbol + "'");
        }
        // in millions, per the vendor's documentation
        Long shares = p.hasNonNull("shareOutstanding") ? Math.round(http.number(p, "shareOutstanding") * 1_000_000d) : null;
        Double cap = p.hasNonNull("marketCapitalization") ? http.number(p, "marketCapitalization") * 1_000_000d : null;
        String currency = p.hasNonNull("currency") ? http.text(p, "currency") : listing.currency();
        Fundamentals.Profile profile = new Fundamentals.Profile(listing.symbol(), http.text(p, "name"),
                textOrNull(p, "finnhubIndustry"), null, textOrNull(p, "country"), shares, cap, null);
        // statements and ratios are premium endpoints (/stock/financials, /stock/metric): not read, the
        // engine derives what it can from the price
        return new Fundamentals(profile, List.of(), null, currency, new Source(ID, CacheLayer.NONE, false, clock.instant()));
    }

    @Override
    public List<NewsItem> news(List<Listing> symbols, Instant from, int max) {
        List<NewsItem> out = new ArrayList<>();
        LocalDate fromDate = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        if (symbols.isEmpty()) {
            for (JsonNode n : list("/news", VendorHttp.params("category", "general"))) {
                NewsItem item = story(n, List.of());
                if (item.t() >= from.toEpochMilli()) {
                    out.add(item);
                }
            }
        } else {
            for (Listing listing : symbols) {
                if (!capabilities.markets().contains(listing.market())) {
                    continue; // other markets' stories come from other providers
                }
                for (JsonNode n : list("/company-news", VendorHttp.params("symbol", toVendor(listing),
                        "from", fromDate.toString(), "to", today.toString()))) {
                    NewsItem item = story(n, List.of(listing.symbol()));
                    if (item.t() >= from.toEpochMilli()) {
                        out.add(item);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(NewsItem::t).reversed());
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    private NewsItem story(JsonNode n, List<String> symbols) {
        long id = (long) http.number(n, "id");
        long t = Math.multiplyExact((long) http.number(n, "datetime"), 1000L);
        String source = n.hasNonNull("source") ? http.text(n, "source") : ID;
        return new NewsItem(ID + "-" + id, t, http.text(n, "headline"), n.path("summary").asText(""),
                http.text(n, "url"), symbols, source.equals(ID) ? List.of(ID) : List.of(ID, source));
    }

    private void checkSymbol(JsonNode row, String symbol) {
        if (row.hasNonNull("symbol") && !row.get("symbol").asText().equals(symbol)) {
            throw http.badResponse("row for '" + row.get("symbol").asText() + "' in the answer for '" + symbol + "'");
        }
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.textValue().isEmpty() ? null : v.textValue();
    }

    private JsonNode array(JsonNode body, String field) {
        JsonNode a = body.get(field);
        if (a == null || !a.isArray()) {
            throw http.badResponse("candles without a '" + field + "' array: " + VendorHttp.excerpt(body.toString()));
        }
        return a;
    }

    private JsonNode element(JsonNode array, int i, String field) {
        JsonNode e = array.get(i);
        if (e == null || !e.isNumber()) {
            throw http.badResponse("candle '" + field + "'[" + i + "] is not a number: " + (e == null ? "missing" : VendorHttp.excerpt(e.toString())));
        }
        return e;
    }

    private LocalDate date(JsonNode n, String field) {
        try {
            return LocalDate.parse(http.text(n, field));
        } catch (DateTimeException e) {
            throw http.badResponse("unreadable " + field + " in " + VendorHttp.excerpt(n.toString()));
        }
    }

    /** A bare-array endpoint's rows. */
    private List<JsonNode> list(String path, Map<String, String> query) {
        JsonNode body = get(path, query);
        if (!body.isArray()) {
            throw http.badResponse(path + " did not answer an array: " + VendorHttp.excerpt(body.toString()));
        }
        List<JsonNode> out = new ArrayList<>(body.size());
        for (JsonNode row : body) {
            if (!row.isObject()) {
                throw http.badResponse(path + " row is not an object: " + VendorHttp.excerpt(row.toString()));
            }
            out.add(row);
        }
        return out;
    }

    private JsonNode get(String path, Map<String, String> query) {
        URI uri = VendorHttp.uri(config.baseUrl(), path, query);
        VendorHttp.Response r = http.get(uri, Map.of(TOKEN_HEADER, config.apiKey()));
        int s = r.status();
        if (s == 429) {
            throw rateLimited(r);
        }
        if (s >= 500 || s == 401) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + s + ": " + VendorHttp.excerpt(r.body()));
        }
        if (s == 403) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "not in this key's plan (HTTP 403): " + VendorHttp.excerpt(r.body()));
        }
        if (s == 404) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "HTTP 404: " + VendorHttp.excerpt(r.body()));
        }
        if (s != 200) {
            throw http.badResponse("HTTP " + s + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body = http.json(r);
        if (body.isObject() && body.has("error")) {
            if (body.path("error").asText("").toLowerCase(java.util.Locale.ROOT).contains("limit")) {
                throw rateLimited(r); // the limit notice reportedly arrives with HTTP 200 too (UNCONFIRMED)
            }
            throw http.badResponse("error under HTTP 200: " + VendorHttp.excerpt(r.body()));
        }
        return body;
    }

    private ProviderException rateLimited(VendorHttp.Response r) {
        Duration retry = VendorHttp.retryAfter(r, clock.instant());
        return new ProviderException(ID, Reason.RATE_LIMITED, "HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()),
                retry != null ? retry : Duration.ofSeconds(60), null);
    }
}
