package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderException.Reason;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FRED, the St. Louis Fed ({@code GET /fred/series/observations?series_id=&api_key=&file_type=json}), per
 * VENDORS.md section 7a: US macro series only.
 *
 * <p>Series used, and why:
 * <ul>
 *   <li>{@code gdp}: {@code GDPC1} (real GDP, quarterly, chained dollars) with {@code units=pc1}, so FRED itself
 *       derives the percent change from a year ago — the engine's GDP indicator is real growth, year on year.</li>
 *   <li>{@code inflation}: {@code CPIAUCSL} (CPI-U, all items, monthly) is an <em>index</em>, so it is asked with
 *       {@code units=pc1}: the year-on-year percent change, derived by FRED from the index.</li>
 *   <li>{@code unemployment}: {@code UNRATE} (monthly, percent) as is.</li>
 *   <li>{@code policy-rate}: {@code DFEDTARU}, the upper limit of the FOMC target range (daily, from
 *       2008-12-16), reduced to the days the level changed (the engine's policy rate is a series of decisions)
 *       plus the level in force at {@code from}. {@code FEDFUNDS} is a monthly average of the effective rate, not
 *       a decision, so it is not used. Before 2008-12-16 FRED has the single target {@code DFEDTAR}, not used yet.</li>
 * </ul>
 * Missing observations ({@code "."}) are skipped.
 *
 * <p>Errors: JSON {@code {"error_code":..,"error_message":..}}. 400 with "api_key" in the text (bad key) is
 * {@code UNAVAILABLE}; 400 "series does not exist" (text UNCONFIRMED) is {@code NOT_COVERED}; other 400s
 * are {@code BAD_RESPONSE}; 429 (body text UNCONFIRMED; 120 requests a minute) is {@code RATE_LIMITED} with
 * {@code Retry-After} or a minute; 5xx and timeouts are {@code UNAVAILABLE}.
 */
public final class FredProvider implements Provider {
    public static final String ID = "fred";
    public static final String DEFAULT_BASE_URL = "https://api.stlouisfed.org";
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    /** How one indicator is asked of FRED. */
    record SeriesSpec(String seriesId, String units, String frequency) {
    }

    static final Map<EconomicIndicator, SeriesSpec> SERIES = Map.of(
            EconomicIndicator.GDP, new SeriesSpec("GDPC1", "pc1", "quarterly"),
            EconomicIndicator.INFLATION, new SeriesSpec("CPIAUCSL", "pc1", "monthly"),
            EconomicIndicator.UNEMPLOYMENT, new SeriesSpec("UNRATE", "lin", "monthly"),
            EconomicIndicator.POLICY_RATE, new SeriesSpec("DFEDTARU", "lin", "irregular"));

    private final VendorConfig config;
    private final VendorHttp http;
    private final Clock clock;
    private final ProviderCapabilities capabilities = new ProviderCapabilities(
            EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX), EnumSet.of(DataType.ECONOMIC_INDICATORS),
            EnumSet.noneOf(Interval.class), false, false);

    public FredProvider(VendorConfig config, Clock clock) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
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

    @Override
    public List<com.tradesense.marketdata.domain.Bar> bars(BarRequest request) {
        throw new ProviderException(ID, Reason.NOT_COVERED, "FRED has no bars");
    }

    @Override
    public EconomicSeries economicSeries(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        if (!"US".equals(country)) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "FRED adapter serves US series only, not " + country);
        }
        SeriesSpec spec = SERIES.get(indicator);
        boolean decisions = indicator == EconomicIndicator.POLICY_RATE;
        // for decisions, start a year earlier to find the level in force at `from`
        LocalDate start = decisions ? from.minusYears(1) : from;
        Map<String, String> q = VendorHttp.params("series_id", spec.seriesId(), "api_key", config.apiKey(),
                "file_type", "json", "units", spec.units(), "observation_start", start.toString(),
                "observation_end", to.toString(), "sort_order", "asc");
        VendorHttp.Response r = http.get(VendorHttp.uri(config.baseUrl(), "/fred/series/observations", q), Map.of());
        JsonNode body = checked(r);
        JsonNode rows = body.get("observations");
        if (rows == null || !rows.isArray()) {
            throw http.badResponse("no 'observations' array: " + VendorHttp.excerpt(r.body()));
        }
        List<Observation> raw = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw http.badResponse("observation is not an object: " + VendorHttp.excerpt(row.toString()));
            }
            String value = http.text(row, "value");
            LocalDate date;
            try {
                date = LocalDate.parse(http.text(row, "date"));
            } catch (DateTimeException e) {
                throw http.badResponse("unreadable date in " + VendorHttp.excerpt(row.toString()));
            }
            if (value.trim().equals(".")) {
                continue; // FRED's missing value
            }
            double v = http.number(row, "value");
            if (!Double.isFinite(v)) {
                throw http.badResponse("non-finite value in " + VendorHttp.excerpt(row.toString()));
            }
            raw.add(new Observation(date, v));
        }
        raw.sort(java.util.Comparator.comparing(Observation::date));
        List<Observation> out = decisions ? changes(raw, from) : raw.stream().filter(o -> !o.date().isBefore(from)).toList();
        return new EconomicSeries(country, indicator, indicator.unit(), spec.frequency(), out,
                new Source(ID, CacheLayer.NONE, false, clock.instant()));
    }

    /** The days a daily level changed within {@code [from, ..]}, preceded by the level in force at {@code from}. */
    static List<Observation> changes(List<Observation> daily, LocalDate from) {
        List<Observation> out = new ArrayList<>();
        Observation inForce = null;
        Double last = null;
        for (Observation o : daily) {
            boolean changed = last == null || o.value() != last;
            last = o.value();
            if (!changed) {
                continue;
            }
            if (o.date().isBefore(from)) {
                inForce = o;
            } else {
                out.add(o);
            }
        }
        if (inForce != null && (out.isEmpty() || out.get(0).date().isAfter(from))) {
            out.add(0, inForce);
        }
        return out;
    }

    private JsonNode checked(VendorHttp.Response r) {
        if (r.status() == 429) {
            Duration wait = VendorHttp.retryAfter(r, clock.instant());
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429: " + VendorHttp.excerpt(r.body()),
                    wait != null ? wait : DEFAULT_RETRY_AFTER, null);
        }
        if (r.status() >= 500) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        if (r.status() != 200) {
            String message = errorMessage(r);
            String m = message.toLowerCase(Locale.ROOT);
            if (r.status() == 401 || r.status() == 403 || m.contains("api_key")) {
                throw new ProviderException(ID, Reason.UNAVAILABLE, "key refused: " + message);
            }
            if (m.contains("series does not exist")) {
                throw new ProviderException(ID, Reason.NOT_COVERED, message);
            }
            throw http.badResponse("HTTP " + r.status() + ": " + message);
        }
        JsonNode body = http.json(r);
        if (!body.isObject()) {
            throw http.badResponse("body is not an object: " + VendorHttp.excerpt(r.body()));
        }
        if (body.has("error_code") || body.has("error_message")) {
            throw http.badResponse("error with HTTP 200: " + VendorHttp.excerpt(r.body()));
        }
        return body;
    }

    private static String errorMessage(VendorHttp.Response r) {
        try {
            JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            if (n != null && n.path("error_message").isTextual()) {
                return n.get("error_message").textValue();
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // not the documented shape: report the body as is
        }
        return VendorHttp.excerpt(r.body());
    }
}
