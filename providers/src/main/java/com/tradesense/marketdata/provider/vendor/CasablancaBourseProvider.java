package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Bar;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The Bourse de Casablanca's own data, from its website's data API
 * ({@code https://www.casablanca-bourse.com/api/proxy/fr/api/...}), per VENDORS.md section 9. <strong>Unofficial
 * and undocumented: every shape here is UNCONFIRMED</strong> (known only from open-source scrapers), so anything
 * that does not match fails loudly as {@code BAD_RESPONSE}. The exchange's own record: {@link #isExchange()} is
 * true.
 *
 * <p>Daily bars of equities come from the Drupal JSON:API route {@code bourse_data/instrument_history}, filtered
 * by session date and by the instrument's Drupal node id (not the ticker): attributes {@code created} (the
 * session; its format is UNCONFIRMED, a date or an ISO date-time whose date part is taken), {@code openingPrice},
 * {@code highPrice}, {@code lowPrice}, {@code closingPrice} (decimal strings with 10 fractional digits),
 * {@code cumulTitresEchanges} (shares traded: the volume), {@code cumulVolumeEchange} (MAD turnover: turnover
 * over shares is the VWAP) and {@code totalTrades}. Pages of {@value #PAGE} rows are read until one comes back
 * shorter. When the answer {@code include}s the instrument, its {@code symbol} must be the ticker asked for.
 *
 * <p>Symbology: canonical {@code ATW.CSE} is the exchange's ticker {@code ATW}; the ticker-to-node-id table is
 * {@code cse-instruments.properties} (ATW = 511, the only id VENDORS.md records) plus
 * {@code MDE_PROVIDER_CSE_API_INSTRUMENTS} ({@code IAM=…,BCP=…}); a ticker without an id is {@code NOT_COVERED}
 * (the scrapers' id lookup through the site's Next.js build pages is not done: too brittle).
 *
 * <p>Not read: indices (the index history route's parameters are UNCONFIRMED; index and board quotes have no
 * place in the provider interface), and corporate actions (VENDORS.md records no route for them).
 *
 * <p>No key. The site sits behind a WAF that may refuse non-browser clients: a browser {@code User-Agent},
 * {@code Accept: application/vnd.api+json} and the site as {@code Referer} are sent. Errors (none documented):
 * 403 (the WAF) and 5xx are {@code UNAVAILABLE}; 429 is {@code RATE_LIMITED} (Retry-After, else 60 s); 404 is
 * {@code NOT_COVERED}; a 200 that is not JSON (a WAF challenge page) or carries JSON:API {@code errors} is
 * {@code BAD_RESPONSE}. Rate limits: none published (scrapers wait 0.5–1 s between calls).
 */
public final class CasablancaBourseProvider implements Provider {
    /** The id the seed's provider limits use for the exchange's API. */
    public static final String ID = "cse_api";
    public static final String DEFAULT_BASE_URL = "https://www.casablanca-bourse.com/api/proxy/fr/api";
    static final String SITE = "https://www.casablanca-bourse.com";
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
    static final int PAGE = 250;
    static final int MAX_PAGES = 40;
    static final String INSTRUMENTS_RESOURCE = "provider/cse-instruments.properties";

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final Map<String, String> instrumentIds;
    private final ProviderCapabilities capabilities = new ProviderCapabilities(EnumSet.of(Market.CSE),
            EnumSet.of(DataType.OHLCV), EnumSet.of(Interval.D1), false, false);

    /** @param extraInstruments {@code TICKER=nodeId,...} added to (or replacing) the built-in table; may be null */
    public CasablancaBourseProvider(VendorConfig config, MarketCalendars calendars, Clock clock, String extraInstruments) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
        this.calendars = calendars;
        this.clock = clock;
        this.instrumentIds = instrumentTable(extraInstruments);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public boolean isExchange() {
        return true;
    }

    /** Canonical {@code ATW.CSE} to the exchange's ticker {@code ATW}. */
    public static String toVendor(Listing listing) {
        if (listing.market() != Market.CSE || !listing.symbol().endsWith(".CSE")) {
            throw new IllegalArgumentException("the Casablanca adapter does not map " + listing.symbol());
        }
        return listing.symbol().substring(0, listing.symbol().length() - ".CSE".length());
    }

    /** The exchange's ticker {@code ATW} to canonical {@code ATW.CSE}. */
    public static String toCanonical(String ticker) {
        if (ticker == null || !ticker.matches("[A-Z0-9]{2,8}")) {
            throw new IllegalArgumentException("not a Casablanca ticker: '" + ticker + "'");
        }
        return ticker + ".CSE";
    }

    /** The Drupal node id of a ticker's instrument, if known. */
    public Optional<String> instrumentId(String ticker) {
        return Optional.ofNullable(instrumentIds.get(ticker));
    }

    static Map<String, String> instrumentTable(String extra) {
        Map<String, String> out = new HashMap<>();
        java.util.Properties p = new java.util.Properties();
        try (var in = CasablancaBourseProvider.class.getClassLoader().getResourceAsStream(INSTRUMENTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + INSTRUMENTS_RESOURCE);
            }
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        if (extra != null && !extra.isBlank()) {
            for (String pair : extra.split(",")) {
                String[] kv = pair.split("=");
                if (kv.length != 2 || !kv[1].trim().matches("\\d+") || kv[0].isBlank()) {
                    throw new IllegalStateException("MDE_PROVIDER_CSE_API_INSTRUMENTS: expected TICKER=nodeId pairs, got '" + pair + "'");
                }
                out.put(kv[0].trim(), kv[1].trim());
            }
        }
        return Map.copyOf(out);
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        if (request.interval() != Interval.D1 || listing.market() != Market.CSE || listing.type() != AssetType.EQUITY) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + request.interval().wireName() + " bars for " + listing.symbol());
        }
        String ticker = toVendor(listing);
        String nodeId = instrumentId(ticker).orElseThrow(() ->
                new ProviderException(ID, Reason.NOT_COVERED, "no instrument id known for " + ticker));
        MarketCalendar calendar = calendars.of(Market.CSE);
        LocalDate from = request.from().atZone(Market.CSE.zone()).toLocalDate();
        LocalDate to = request.to().minusMillis(1).atZone(Market.CSE.zone()).toLocalDate();
        List<Bar> bars = new ArrayList<>();
        for (int page = 0; ; page++) {
            if (page == MAX_PAGES) {
                throw http.badResponse("more than " + MAX_PAGES + " pages of instrument history");
            }
            JsonNode body = checked(http.get(historyUri(nodeId, from, to, page * PAGE), headers()));
            JsonNode data = body.get("data");
            if (data == null || !data.isArray()) {
                throw http.badResponse("JSON:API answer without a data array: " + VendorHttp.excerpt(body.toString()));
            }
            checkIncludedSymbol(body, ticker);
            for (JsonNode row : data) {
                if (!"instrument_history".equals(row.path("type").asText()) || !row.path("attributes").isObject()) {
                    throw http.badResponse("not an instrument_history resource: " + VendorHttp.excerpt(row.toString()));
                }
                Bar b = bar(row.get("attributes"), calendar);
                if (b != null) {
                    bars.add(b);
                }
            }
            if (data.size() < PAGE) {
                break;
            }
        }
        return VendorBars.window(bars, request);
    }

    private Bar bar(JsonNode a, MarketCalendar calendar) {
        LocalDate session = sessionDate(a);
        double shares = http.number(a, "cumulTitresEchanges");
        double turnover = a.hasNonNull("cumulVolumeEchange") ? http.number(a, "cumulVolumeEchange") : Double.NaN;
        long trades = a.hasNonNull("totalTrades") ? (long) http.number(a, "totalTrades") : Bar.NO_COUNT;
        double vwap = shares > 0 && turnover > 0 ? turnover / shares : Double.NaN;
        return BarValidator.repair(VendorBars.dailyStamp(calendar, session), http.number(a, "openingPrice"),
                http.number(a, "highPrice"), http.number(a, "lowPrice"), http.number(a, "closingPrice"),
                Math.round(shares), trades, vwap);
    }

    /** {@code created}: a date, or a date-time (with or without offset) whose date as written is the session. */
    private LocalDate sessionDate(JsonNode a) {
        String s = http.text(a, "created").trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s);
            }
            try {
                return OffsetDateTime.parse(s).toLocalDate();
            } catch (DateTimeException noOffset) {
                return LocalDateTime.parse(s.replace(' ', 'T')).toLocalDate();
            }
        } catch (DateTimeException e) {
            throw http.badResponse("unreadable 'created': " + VendorHttp.excerpt(s));
        }
    }

    private void checkIncludedSymbol(JsonNode body, String ticker) {
        JsonNode included = body.get("included");
        if (included == null || !included.isArray()) {
            return;
        }
        for (JsonNode inc : included) {
            if ("instrument".equals(inc.path("type").asText()) && inc.path("attributes").hasNonNull("symbol")
                    && !ticker.equals(inc.path("attributes").get("symbol").asText())) {
                throw http.badResponse("history of '" + inc.path("attributes").get("symbol").asText() + "' in the answer for '" + ticker + "'");
            }
        }
    }

    /** The scrapers' query, keys and values percent-encoded (the brackets are not legal raw in a URI). */
    URI historyUri(String nodeId, LocalDate from, LocalDate to, int offset) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("fields[instrument_history]", "symbol,created,openingPrice,coursCourant,highPrice,lowPrice,cumulTitresEchanges,"
                + "cumulVolumeEchange,totalTrades,capitalisation,coursAjuste,closingPrice,ratioConsolide");
        q.put("fields[instrument]", "symbol,libelleFR,libelleAR,libelleEN,emetteur_url,instrument_url");
        q.put("include", "symbol");
        q.put("sort[date-seance][path]", "created");
        q.put("sort[date-seance][direction]", "DESC");
        q.put("filter[instrument-history-class][condition][path]", "symbol.codeClasse.field_code");
        q.put("filter[instrument-history-class][condition][value]", "1");
        q.put("filter[instrument-history-class][condition][operator]", "=");
        q.put("filter[published]", "1");
        q.put("page[offset]", Integer.toString(offset));
        q.put("page[limit]", Integer.toString(PAGE));
        q.put("filter[filter-date-start-vh][condition][path]", "field_seance_date");
        q.put("filter[filter-date-start-vh][condition][operator]", ">=");
        q.put("filter[filter-date-start-vh][condition][value]", from.toString());
        q.put("filter[filter-date-end-vh][condition][path]", "field_seance_date");
        q.put("filter[filter-date-end-vh][condition][operator]", "<=");
        q.put("filter[filter-date-end-vh][condition][value]", to.toString());
        q.put("filter[filter-historique-instrument-emetteur][condition][path]", "symbol.meta.drupal_internal__target_id");
        q.put("filter[filter-historique-instrument-emetteur][condition][operator]", "=");
        q.put("filter[filter-historique-instrument-emetteur][condition][value]", nodeId);
        StringJoiner j = new StringJoiner("&");
        q.forEach((k, v) -> j.add(enc(k) + "=" + enc(v)));
        return URI.create(config.baseUrl() + "/bourse_data/instrument_history?" + j);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> headers() {
        return Map.of("User-Agent", USER_AGENT, "Accept", "application/vnd.api+json", "Referer", SITE + "/", "Origin", SITE);
    }

    private JsonNode checked(VendorHttp.Response r) {
        int s = r.status();
        if (s == 429) {
            Duration wait = VendorHttp.retryAfter(r, clock.instant());
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429: " + VendorHttp.excerpt(r.body()),
                    wait != null ? wait : Duration.ofSeconds(60), null);
        }
        if (s >= 500 || s == 403 || s == 401) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + s + " (site down or WAF refusal): " + VendorHttp.excerpt(r.body()));
        }
        if (s == 404) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "HTTP 404: " + VendorHttp.excerpt(r.body()));
        }
        if (s != 200) {
            throw http.badResponse("HTTP " + s + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body = http.json(r);
        if (!body.isObject() || body.has("errors")) {
            throw http.badResponse("not a JSON:API document with data: " + VendorHttp.excerpt(r.body()));
        }
        return body;
    }
}
