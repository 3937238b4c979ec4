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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Twelve Data REST ({@code GET /time_series}), per the vendor's docs as copied in VENDORS.md section 3.
 *
 * <p>Symbology: US share classes keep the dot ({@code BRK.B}); Casablanca listings drop the
 * {@code .CSE} suffix and name the venue: {@code ATW.CSE} is {@code symbol=ATW&mic_code=XCAS}.
 * <b>UNCONFIRMED</b>: whether Twelve Data covers XCAS at all, under which plan — an unknown symbol
 * answers its documented 404 error, which becomes {@code NOT_COVERED}.
 *
 * <p>Errors: the body {@code {"code":..,"message":..,"status":"error"}} arrives with HTTP 200 or with
 * the matching HTTP status; both are read. 429 (credits spent) is {@code RATE_LIMITED} until the next
 * minute, or until 00:00 UTC for the daily limit; 401/403 (key, plan) and 5xx are {@code UNAVAILABLE};
 * 404 is {@code NOT_COVERED}; a body of any other shape is {@code BAD_RESPONSE}.
 */
public final class TwelveDataProvider implements Provider {
    public static final String ID = "twelve_data";
    public static final String DEFAULT_BASE_URL = "https://api.twelvedata.com";
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final EnumSet<Interval> INTERVALS = EnumSet.of(Interval.M1, Interval.M5, Interval.M15,
            Interval.M30, Interval.H1, Interval.D1);

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final ProviderCapabilities capabilities;

    public TwelveDataProvider(VendorConfig config, MarketCalendars calendars, Clock clock) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
        this.calendars = calendars;
        this.clock = clock;
        this.capabilities = new ProviderCapabilities(
                EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX, Market.CSE),
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

    /** The vendor's symbol and venue parameters for a canonical listing. */
    public record VendorSymbol(String symbol, String micCode) {
    }

    public static VendorSymbol toVendor(Listing listing) {
        if (listing.market() == Market.CSE) {
            String s = listing.symbol();
            return new VendorSymbol(s.endsWith(".CSE") ? s.substring(0, s.length() - 4) : s, "XCAS");
        }
        if (listing.market().isUs()) {
            return new VendorSymbol(listing.symbol(), null); // dot class shares, as the vendor documents
        }
        throw new IllegalArgumentException("twelve_data adapter does not map " + listing.market());
    }

    /** Canonical symbol for a vendor symbol and MIC ({@code ATW}, {@code XCAS} -> {@code ATW.CSE}). */
    public static String toCanonical(String vendorSymbol, String micCode) {
        return "XCAS".equals(micCode) ? vendorSymbol + ".CSE" : vendorSymbol;
    }

    static String wireInterval(Interval i) {
        return switch (i) {
            case M1 -> "1min";
            case M5 -> "5min";
            case M15 -> "15min";
            case M30 -> "30min";
            case H1 -> "1h";
            case D1 -> "1day";
            case W1 -> "1week";
            case MO1 -> "1month";
        };
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        if (!INTERVALS.contains(request.interval()) || !capabilities.markets().contains(request.listing().market())) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + request.interval().wireName() + " bars for " + request.listing().market());
        }
        Listing listing = request.listing();
        MarketCalendar calendar = calendars.of(listing.market());
        ZoneId zone = listing.market().zone();
        VendorSymbol vs = toVendor(listing);
        // start/end are exchange-local; the end is documented as exclusive by some and not by others: bars are filtered anyway
        Map<String, String> q = VendorHttp.params(
                "symbol", vs.symbol(),
                "mic_code", vs.micCode(),
                "interval", wireInterval(request.interval()),
                "start_date", WIRE.format(LocalDateTime.ofInstant(request.from(), zone)),
                "end_date", WIRE.format(LocalDateTime.ofInstant(request.to(), zone)),
                "order", "asc",
                "outputsize", "5000",
                "prepost", request.extendedHours() ? "true" : null);
        VendorHttp.Response r = http.get(VendorHttp.uri(config.baseUrl(), "/time_series", q),
                Map.of("Authorization", "apikey " + config.apiKey()));
        JsonNode body = checked(r);
        JsonNode values = body.get("values");
        JsonNode meta = body.get("meta");
        if (values == null || !values.isArray() || meta == null || !meta.isObject()) {
            throw http.badResponse("time_series without meta/values: " + VendorHttp.excerpt(r.body()));
        }
        ZoneId exchangeZone = zone;
        JsonNode tz = meta.get("exchange_timezone");
        if (tz != null && tz.isTextual()) {
            try {
                exchangeZone = ZoneId.of(tz.textValue());
            } catch (DateTimeException e) {
                throw http.badResponse("unknown exchange_timezone " + tz.textValue());
            }
        }
        boolean daily = !request.interval().isIntraday();
        List<Bar> bars = new ArrayList<>(values.size());
        for (JsonNode v : values) {
            String dt = http.text(v, "datetime");
            long t;
            try {
                t = daily ? VendorBars.dailyStamp(calendar, LocalDate.parse(dt.length() > 10 ? dt.substring(0, 10) : dt))
                        : LocalDateTime.parse(dt, WIRE).atZone(exchangeZone).toInstant().toEpochMilli();
            } catch (DateTimeException e) {
                throw http.badResponse("unreadable datetime '" + VendorHttp.excerpt(dt) + "'");
            }
            long volume = v.has("volume") ? (long) http.number(v, "volume") : 0L;
            Bar b = BarValidator.repair(t, http.number(v, "open"), http.number(v, "high"), http.number(v, "low"),
                    http.number(v, "close"), volume, Bar.NO_COUNT, Double.NaN);
            if (b != null) {
                bars.add(b);
            }
        }
        return VendorBars.window(bars, request);
    }

    /** The JSON body of a successful answer, or the documented error mapped to a reason. */
    private JsonNode checked(VendorHttp.Response r) {
        if (r.status() >= 500) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body;
        try {
            body = http.json(r);
        } catch (ProviderException e) {
            if (r.status() == 429) { // a throttle without the documented body is still a throttle
                throw rateLimited("HTTP 429: " + VendorHttp.excerpt(r.body()), VendorHttp.retryAfter(r, clock.instant()));
            }
            throw e;
        }
        JsonNode status = body.get("status");
        if (status != null && "error".equals(status.asText())) {
            int code = body.path("code").asInt(r.status());
            String message = body.path("message").asText("");
            switch (code) {
                case 429 -> {
                    Duration retry = VendorHttp.retryAfter(r, clock.instant());
                    throw rateLimited(message, retry != null ? retry : untilReset(message));
                }
                case 404 -> throw new ProviderException(ID, Reason.NOT_COVERED, "404: " + message);
                case 400, 401, 403, 414, 500 -> throw new ProviderException(ID, Reason.UNAVAILABLE, code + ": " + message);
                default -> throw http.badResponse("undocumented error code " + code + ": " + message);
            }
        }
        if (r.status() == 429) {
            throw rateLimited("HTTP 429: " + VendorHttp.excerpt(r.body()), VendorHttp.retryAfter(r, clock.instant()));
        }
        if (r.status() != 200) {
            throw http.badResponse("HTTP " + r.status() + " without the documented error body: " + VendorHttp.excerpt(r.body()));
        }
        if (status == null || !"ok".equals(status.asText())) {
            throw http.badResponse("status is neither ok nor error: " + VendorHttp.excerpt(r.body()));
        }
        return body;
    }

    private ProviderException rateLimited(String message, Duration retryAfter) {
        return new ProviderException(ID, Reason.RATE_LIMITED, message, retryAfter, null);
    }

    /** Credits come back at the next minute, or (daily limit) at 00:00 UTC. */
    private Duration untilReset(String message) {
        Instant now = clock.instant();
        Instant reset = message.contains("for the day")
                ? now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        return Duration.between(now, reset);
    }
}
