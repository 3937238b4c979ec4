package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
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

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alpha Vantage ({@code GET /query?function=...}), per VENDORS.md section 1: US bars from
 * {@code TIME_SERIES_DAILY} (raw) and {@code TIME_SERIES_INTRADAY} ({@code adjusted=false}).
 *
 * <p>Every answer is HTTP 200, errors and throttling included, as a one-key body: {@code Error Message}
 * (bad call or unknown symbol: {@code NOT_COVERED}; bad key: {@code UNAVAILABLE}), and
 * {@code Note}/{@code Information} (the same texts are seen under both keys): rate-limit texts are
 * {@code RATE_LIMITED} (per day: until midnight New York, the seed quota's reset — UNCONFIRMED for the
 * vendor; otherwise a minute), "premium endpoint" is {@code NOT_COVERED}, the demo-key text is
 * {@code UNAVAILABLE}; any other text is {@code BAD_RESPONSE}.
 *
 * <p>Symbology: US tickers bare, class shares with a dash ({@code BRK-B}; dot acceptance UNCONFIRMED).
 * No Casablanca coverage (none documented). Intraday timestamps are US/Eastern local times, read as the
 * bar's open (whether they stamp the open or the close is UNCONFIRMED).
 */
public final class AlphaVantageProvider implements Provider {
    public static final String ID = "alpha_vantage";
    public static final String DEFAULT_BASE_URL = "https://www.alphavantage.co";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter INTRADAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final EnumSet<Interval> INTERVALS = EnumSet.of(Interval.M1, Interval.M5, Interval.M15,
            Interval.M30, Interval.H1, Interval.D1);

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final ProviderCapabilities capabilities;

    public AlphaVantageProvider(VendorConfig config, MarketCalendars calendars, Clock clock) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
        this.calendars = calendars;
        this.clock = clock;
        this.capabilities = new ProviderCapabilities(EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX),
                EnumSet.of(DataType.OHLCV), INTERVALS, false, false);
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
        if (!listing.market().isUs()) {
            throw new IllegalArgumentException("alpha_vantage adapter does not map " + listing.market());
        }
        return listing.symbol().replace('.', '-');
    }

    public static String toCanonical(String vendorSymbol) {
        return vendorSymbol.replace('-', '.');
    }

    static String wireInterval(Interval i) {
        return switch (i) {
            case M1 -> "1min";
            case M5 -> "5min";
            case M15 -> "15min";
            case M30 -> "30min";
            case H1 -> "60min";
            default -> throw new IllegalArgumentException(i.wireName());
        };
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        if (!INTERVALS.contains(request.interval()) || !capabilities.markets().contains(listing.market())) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + request.interval().wireName() + " bars for " + listing.market());
        }
        boolean daily = !request.interval().isIntraday();
        Map<String, String> q;
        String seriesKey;
        if (daily) {
            // compact is the latest 100 sessions: enough when the range starts within ~140 days
            boolean recent = request.from().isAfter(clock.instant().minus(Duration.ofDays(140)));
            q = VendorHttp.params("function", "TIME_SERIES_DAILY", "symbol", toVendor(listing),
                    "outputsize", recent ? "compact" : "full", "apikey", config.apiKey());
            seriesKey = "Time Series (Daily)";
        } else {
            YearMonth fromMonth = YearMonth.from(request.from().atZone(NEW_YORK));
            YearMonth toMonth = YearMonth.from(request.to().minusMillis(1).atZone(NEW_YORK));
            String month = fromMonth.equals(toMonth) ? fromMonth.toString() : null; // otherwise the latest 30 days
            String interval = wireInterval(request.interval());
            q = VendorHttp.params("function", "TIME_SERIES_INTRADAY", "symbol", toVendor(listing), "interval", interval,
                    "adjusted", "false", "extended_hours", Boolean.toString(request.extendedHours()),
                    "month", month, "outputsize", "full", "apikey", config.apiKey());
            seriesKey = "Time Series (" + interval + ")";
        }
        VendorHttp.Response r = http.get(VendorHttp.uri(config.baseUrl(), "/query", q), Map.of());
        JsonNode body = checked(r);
        JsonNode series = body.get(seriesKey);
        if (series == null || !series.isObject() || !body.path("Meta Data").isObject()) {
            throw http.badResponse("no 'Meta Data' and '" + seriesKey + "' objects: " + VendorHttp.excerpt(r.body()));
        }
        MarketCalendar calendar = calendars.of(listing.market());
        List<Bar> bars = new ArrayList<>(series.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = series.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            long t;
            try {
                t = daily ? VendorBars.dailyStamp(calendar, LocalDate.parse(e.getKey()))
                        : LocalDateTime.parse(e.getKey(), INTRADAY).atZone(NEW_YORK).toInstant().toEpochMilli();
            } catch (DateTimeException ex) {
                throw http.badResponse("unreadable bar time '" + VendorHttp.excerpt(e.getKey()) + "'");
            }
            Bar b = BarValidator.repair(t, http.number(v, "1. open"), http.number(v, "2. high"), http.number(v, "3. low"),
                    http.number(v, "4. close"), (long) http.number(v, "5. volume"), Bar.NO_COUNT, Double.NaN);
            if (b != null) {
                bars.add(b);
            }
        }
        return VendorBars.window(bars, request);
    }

    private JsonNode checked(VendorHttp.Response r) {
        if (r.status() == 429) { // not documented (errors come with 200), but a throttle is a throttle
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429", Duration.ofSeconds(60), null);
        }
        if (r.status() >= 500) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        if (r.status() != 200) {
            throw http.badResponse("HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body = http.json(r);
        if (!body.isObject()) {
            throw http.badResponse("body is not an object: " + VendorHttp.excerpt(r.body()));
        }
        JsonNode error = body.get("Error Message");
        if (error != null) {
            String text = error.asText();
            if (text.contains("apikey")) {
                throw new ProviderException(ID, Reason.UNAVAILABLE, "key refused: " + text);
            }
            throw new ProviderException(ID, Reason.NOT_COVERED, text);
        }
        for (String key : List.of("Note", "Information")) {
            JsonNode n = body.get(key);
            if (n != null && body.size() == 1) {
                throw notice(key, n.asText());
            }
        }
        return body;
    }

    /** The texts of {@code Note}/{@code Information}, classified; the key does not matter (both are seen). */
    private ProviderException notice(String key, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("premium endpoint")) {
            return new ProviderException(ID, Reason.NOT_COVERED, text);
        }
        if (t.contains("demo") || t.contains("apikey is invalid") || t.contains("api key")) {
            return new ProviderException(ID, Reason.UNAVAILABLE, "key refused: " + text);
        }
        if (t.contains("requests per day") && !t.contains("per minute")) {
            Instant now = clock.instant();
            Instant midnight = now.atZone(NEW_YORK).toLocalDate().plusDays(1).atStartOfDay(NEW_YORK).toInstant();
            return new ProviderException(ID, Reason.RATE_LIMITED, text, Duration.between(now, midnight), null);
        }
        if (t.contains("call frequency") || t.contains("rate limit") || t.contains("spreading out")) {
            return new ProviderException(ID, Reason.RATE_LIMITED, text, Duration.ofSeconds(60), null);
        }
        return http.badResponse("undocumented " + key + ": " + VendorHttp.excerpt(text));
    }
}
