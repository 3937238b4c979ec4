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

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Polygon.io (now Massive; same paths) REST, per VENDORS.md section 4: aggregate bars
 * ({@code /v2/aggs/ticker/{t}/range/{m}/{span}/{from}/{to}}, unadjusted, epoch-ms stamps), splits
 * ({@code /v3/reference/splits}) and cash dividends ({@code /v3/reference/dividends}).
 *
 * <p>Symbology: class shares keep the dot ({@code BRK.B}: the vendor silently answers nothing for
 * {@code BRK-B}); US only. Key as the {@code apiKey} query parameter (header auth is reported failing
 * on the new host). {@code next_url} pages are followed on the configured base URL, never on the host
 * the body names, so the key goes nowhere else.
 *
 * <p>Errors: HTTP 429 (body with {@code error}, sometimes empty) is {@code RATE_LIMITED}
 * (Retry-After, else 60 s: the free plan counts per minute); 401/403 and 5xx are {@code UNAVAILABLE};
 * 404 is {@code NOT_COVERED}; a 200 whose {@code status} is not {@code OK}/{@code DELAYED}
 * ({@code DELAYED} UNCONFIRMED) or that lacks the documented fields is {@code BAD_RESPONSE}.
 */
public final class PolygonProvider implements Provider {
    public static final String ID = "polygon";
    public static final String DEFAULT_BASE_URL = "https://api.polygon.io";
    static final int MAX_PAGES = 20;
    private static final EnumSet<Interval> INTERVALS = EnumSet.of(Interval.M1, Interval.M5, Interval.M15,
            Interval.M30, Interval.H1, Interval.D1);

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final ProviderCapabilities capabilities;

    public PolygonProvider(VendorConfig config, MarketCalendars calendars, Clock clock) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
        this.calendars = calendars;
        this.clock = clock;
        this.capabilities = new ProviderCapabilities(EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX, Market.OTC),
                EnumSet.of(DataType.OHLCV, DataType.CORPORATE_ACTIONS), INTERVALS, false, false);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** Canonical {@code BRK.B} is Polygon's {@code BRK.B}: the identity, but only for US listings. */
    public static String toVendor(Listing listing) {
        if (!listing.market().isUs()) {
            throw new IllegalArgumentException("polygon adapter does not map " + listing.market());
        }
        return listing.symbol();
    }

    public static String toCanonical(String ticker) {
        return ticker;
    }

    static String[] span(Interval i) {
        return switch (i) {
            case M1 -> new String[]{"1", "minute"};
            case M5 -> new String[]{"5", "minute"};
            case M15 -> new String[]{"15", "minute"};
            case M30 -> new String[]{"30", "minute"};
            case H1 -> new String[]{"1", "hour"};
            case D1 -> new String[]{"1", "day"};
            case W1 -> new String[]{"1", "week"};
            case MO1 -> new String[]{"1", "month"};
        };
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        if (!INTERVALS.contains(request.interval()) || !listing.market().isUs()) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + request.interval().wireName() + " bars for " + listing.market());
        }
        MarketCalendar calendar = calendars.of(listing.market());
        String[] span = span(request.interval());
        // 'to' is inclusive at Polygon: ask up to the last millisecond before the exclusive end
        String path = "/v2/aggs/ticker/" + toVendor(listing) + "/range/" + span[0] + "/" + span[1] + "/"
                + request.from().toEpochMilli() + "/" + (request.to().toEpochMilli() - 1);
        URI uri = VendorHttp.uri(config.baseUrl(), path, VendorHttp.params("adjusted", "false", "sort", "asc",
                "limit", "50000", "apiKey", config.apiKey()));
        boolean daily = !request.interval().isIntraday();
        List<Bar> bars = new ArrayList<>();
        for (int page = 0; uri != null; page++) {
            if (page == MAX_PAGES) {
                throw http.badResponse("more than " + MAX_PAGES + " pages of aggregates");
            }
            JsonNode body = checked(http.get(uri, Map.of()));
            if (!body.has("resultsCount") && !body.has("queryCount") && !body.has("results")) {
                throw http.badResponse("aggregates without results/resultsCount: " + VendorHttp.excerpt(body.toString()));
            }
            JsonNode results = body.get("results");
            if (results != null && !results.isArray()) {
                throw http.badResponse("'results' is not an array");
            }
            if (results != null) {
                for (JsonNode a : results) {
                    long t = (long) http.number(a, "t");
                    if (daily) { // stamped at midnight New York: the engine stamps daily bars at the session open
                        t = VendorBars.dailyStamp(calendar, Instant.ofEpochMilli(t).atZone(listing.market().zone()).toLocalDate());
                    }
                    long n = a.hasNonNull("n") ? (long) http.number(a, "n") : Bar.NO_COUNT;
                    double vw = a.hasNonNull("vw") ? http.number(a, "vw") : Double.NaN;
                    Bar b = BarValidator.repair(t, http.number(a, "o"), http.number(a, "h"), http.number(a, "l"),
                            http.number(a, "c"), Math.round(http.number(a, "v")), n, vw);
                    if (b != null) {
                        bars.add(b);
                    }
                }
            }
            uri = next(body);
        }
        return VendorBars.window(bars, request);
    }

    @Override
    public List<CorporateAction> corporateActions(Listing listing, LocalDate from, LocalDate to) {
        if (!listing.market().isUs()) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no corporate actions for " + listing.market());
        }
        String ticker = toVendor(listing);
        List<CorporateAction> out = new ArrayList<>();
        for (JsonNode s : list("/v3/reference/splits", VendorHttp.params("ticker", ticker,
                "execution_date.gte", from.toString(), "execution_date.lte", to.toString(), "limit", "1000"))) {
            double splitFrom = http.number(s, "split_from");
            double splitTo = http.number(s, "split_to");
            if (!(splitFrom > 0 && splitTo > 0)) {
                throw http.badResponse("split with non-positive factors: " + VendorHttp.excerpt(s.toString()));
            }
            if (splitFrom != splitTo) { // 4-for-1 is split_from 1, split_to 4: ratio 4
                out.add(new CorporateAction.Split(date(s, "execution_date"), splitTo / splitFrom, ID));
            }
        }
        for (JsonNode d : list("/v3/reference/dividends", VendorHttp.params("ticker", ticker,
                "ex_dividend_date.gte", from.toString(), "ex_dividend_date.lte", to.toString(), "limit", "1000"))) {
            String type = d.path("dividend_type").asText("CD");
            if (!type.equals("CD") && !type.equals("SC")) {
                continue; // LT/ST capital-gain distributions are not cash dividends of the issuer's earnings
            }
            double amount = http.number(d, "cash_amount");
            if (amount > 0) {
                LocalDate pay = d.hasNonNull("pay_date") ? date(d, "pay_date") : null;
                out.add(new CorporateAction.CashDividend(date(d, "ex_dividend_date"), pay, amount,
                        d.path("currency").asText(listing.currency()), ID));
            }
        }
        out.sort(Comparator.comparing(CorporateAction::effectiveDate));
        return out;
    }

    private List<JsonNode> list(String path, Map<String, String> query) {
        query.put("apiKey", config.apiKey());
        URI uri = VendorHttp.uri(config.baseUrl(), path, query);
        List<JsonNode> out = new ArrayList<>();
        for (int page = 0; uri != null; page++) {
            if (page == MAX_PAGES) {
                throw http.badResponse("more than " + MAX_PAGES + " pages from " + path);
            }
            JsonNode body = checked(http.get(uri, Map.of()));
            JsonNode results = body.get("results");
            if (results == null || !results.isArray()) {
                throw http.badResponse(path + " without a results array: " + VendorHttp.excerpt(body.toString()));
            }
            results.forEach(out::add);
            uri = next(body);
        }
        return out;
    }

    private LocalDate date(JsonNode n, String field) {
        try {
            return LocalDate.parse(http.text(n, field));
        } catch (DateTimeException e) {
            throw http.badResponse("unreadable " + field + " in " + VendorHttp.excerpt(n.toString()));
        }
    }

    /** The next page on our base URL with the key re-appended, or null. */
    private URI next(JsonNode body) {
        JsonNode n = body.get("next_url");
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            return null;
        }
        URI given;
        try {
            given = URI.create(n.asText());
        } catch (IllegalArgumentException e) {
            throw http.badResponse("unreadable next_url");
        }
        String query = given.getRawQuery();
        return URI.create(config.baseUrl() + given.getRawPath() + "?" + (query == null ? "" : query + "&")
                + "apiKey=" + java.net.URLEncoder.encode(config.apiKey(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private JsonNode checked(VendorHttp.Response r) {
        int s = r.status();
        if (s == 429) {
            Duration retry = VendorHttp.retryAfter(r, clock.instant());
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429: " + VendorHttp.excerpt(r.body()),
                    retry != null ? retry : Duration.ofSeconds(60), null);
        }
        if (s >= 500 || s == 401 || s == 403) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + s + ": " + VendorHttp.excerpt(r.body()));
        }
        if (s == 404) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "HTTP 404: " + VendorHttp.excerpt(r.body()));
        }
        if (s != 200) {
            throw http.badResponse("HTTP " + s + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body = http.json(r);
        String status = body.path("status").asText("");
        if (!status.equals("OK") && !status.equals("DELAYED")) {
            throw http.badResponse("status '" + status + "': " + VendorHttp.excerpt(r.body()));
        }
        return body;
    }
}
