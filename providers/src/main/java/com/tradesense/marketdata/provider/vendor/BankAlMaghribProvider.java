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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bank Al-Maghrib ({@code GET /cours/Version1/api/CoursVirement?libDevise=&date=}, header
 * {@code Ocp-Apim-Subscription-Key}), per VENDORS.md section 8: the MAD transfer reference rates as daily
 * bars of {@code CCY/MAD} pairs, open = high = low = close = the rate, volume 0.
 *
 * <p>Rows are {@code {"date":"2023-05-11T12:30:00","libDevise":"EUR","moyen":10.9884,"uniteDevise":1}}: MAD per
 * {@code uniteDevise} units, so the bar is {@code moyen / uniteDevise} (JPY is quoted per 100). Pre-2018 rows have
 * {@code achat}/{@code vente} instead of {@code moyen}: the bar is their mid. The row's own date (Casablanca local,
 * published about 12:30) is the bar's date, stamped like every daily FX bar (the FX calendar's session open of
 * that date). The API gives one date per call, so a request spans at most {@value #MAX_DAYS} days (longer ones
 * are {@code NOT_COVERED}, for the router to ask another provider); days without rates (weekends, holidays)
 * answer 204 or {@code []} and give no bar.
 *
 * <p>The key is per product ("Marché des changes"). Errors: 401/403 (bad key) are {@code UNAVAILABLE}; 429 is
 * {@code RATE_LIMITED} with Retry-After, else the "Try again in N seconds" of the Azure APIM default body, else a
 * minute — both bodies are the APIM defaults, UNCONFIRMED for BAM, as is the published rate limit; 5xx and
 * timeouts {@code UNAVAILABLE}; anything not of the documented shape {@code BAD_RESPONSE}. Only daily bars;
 * the policy rate (GenTELADJ auctions) is not read yet.
 */
public final class BankAlMaghribProvider implements Provider {
    public static final String ID = "bank_al_maghrib";
    public static final String DEFAULT_BASE_URL = "https://api.centralbankofmorocco.ma";
    static final String PATH = "/cours/Version1/api/CoursVirement";
    static final int MAX_DAYS = 45;
    private static final ZoneId CASABLANCA = ZoneId.of("Africa/Casablanca");
    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in (\\d+) seconds?");

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final ProviderCapabilities capabilities = new ProviderCapabilities(EnumSet.of(Market.FX),
            EnumSet.of(DataType.OHLCV), EnumSet.of(Interval.D1), false, false);

    public BankAlMaghribProvider(VendorConfig config, MarketCalendars calendars, Clock clock) {
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

    /** {@code USD/MAD} → {@code USD}; anything not quoted against MAD is not BAM's. */
    public static String toVendor(Listing listing) {
        String s = listing.symbol();
        if (listing.market() != Market.FX || !s.matches("[A-Z]{3}/MAD")) {
            throw new IllegalArgumentException("bank_al_maghrib quotes CCY/MAD pairs only, not " + s);
        }
        return s.substring(0, 3);
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        if (request.interval() != Interval.D1 || listing.market() != Market.FX || !listing.symbol().matches("[A-Z]{3}/MAD")) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "only daily bars of CCY/MAD pairs, not "
                    + request.interval().wireName() + " " + listing.symbol());
        }
        String currency = toVendor(listing);
        MarketCalendar calendar = calendars.of(Market.FX);
        // the dates whose bar can fall in [from, to): a day either side of the window in UTC
        LocalDate first = LocalDate.ofInstant(request.from(), CASABLANCA).minusDays(1);
        LocalDate last = LocalDate.ofInstant(request.to(), CASABLANCA).plusDays(1);
        LocalDate today = LocalDate.ofInstant(clock.instant(), CASABLANCA);
        if (last.isAfter(today)) {
            last = today;
        }
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "one call per day: ranges over " + MAX_DAYS + " days are left to other providers");
        }
        Map<LocalDate, Bar> byDate = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            VendorHttp.Response r = http.get(VendorHttp.uri(config.baseUrl(), PATH,
                    VendorHttp.params("libDevise", currency, "date", d.toString())), Map.of("Ocp-Apim-Subscription-Key", config.apiKey()));
            JsonNode rows = checked(r);
            if (rows == null) {
                continue;
            }
            for (JsonNode row : rows) {
                if (!row.isObject()) {
                    throw http.badResponse("row is not an object: " + VendorHttp.excerpt(row.toString()));
                }
                if (!currency.equals(http.text(row, "libDevise"))) {
                    continue; // asked for one currency; anything else is ignored
                }
                LocalDate date;
                try {
                    date = LocalDateTime.parse(http.text(row, "date")).toLocalDate();
                } catch (DateTimeException e) {
                    throw http.badResponse("unreadable date in " + VendorHttp.excerpt(row.toString()));
                }
                double unit = http.number(row, "uniteDevise");
                double rate = row.hasNonNull("moyen") ? http.number(row, "moyen")
                        : (http.number(row, "achat") + http.number(row, "vente")) / 2;
                if (!(unit > 0) || !(rate > 0) || !Double.isFinite(rate / unit)) {
                    throw http.badResponse("not a rate: " + VendorHttp.excerpt(row.toString()));
                }
                double px = rate / unit;
                Bar b = BarValidator.repair(VendorBars.dailyStamp(calendar, date), px, px, px, px, 0, Bar.NO_COUNT, Double.NaN);
                if (b != null) {
                    byDate.put(date, b);
                }
            }
        }
        return VendorBars.window(new ArrayList<>(byDate.values()), request);
    }

    /** The rows, or null for a day without rates (204, empty body). */
    private JsonNode checked(VendorHttp.Response r) {
        if (r.status() == 204 || (r.status() == 200 && (r.body() == null || r.body().isBlank()))) {
            return null;
        }
        if (r.status() == 429) {
            Duration wait = VendorHttp.retryAfter(r, clock.instant());
            if (wait == null) {
                Matcher m = TRY_AGAIN.matcher(r.body() == null ? "" : r.body());
                wait = m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : Duration.ofSeconds(60);
            }
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429: " + VendorHttp.excerpt(r.body()), wait, null);
        }
        if (r.status() >= 500) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        if (r.status() == 401 || r.status() == 403) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "key refused (HTTP " + r.status() + "): " + VendorHttp.excerpt(r.body()));
        }
        if (r.status() != 200) {
            throw http.badResponse("HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body = http.json(r);
        if (!body.isArray()) {
            throw http.badResponse("not an array: " + VendorHttp.excerpt(r.body()));
        }
        return body;
    }
}
