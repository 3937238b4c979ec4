package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.domain.Bar;
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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * World Bank Indicators API v2 ({@code GET /v2/country/{MA|US}/indicator/{id}?format=json}), per VENDORS.md
 * section 7b: annual series for Morocco and the US, no key (on with {@code MDE_PROVIDER_WORLD_BANK_ENABLED=true}).
 *
 * <p>Indicators: {@code gdp} = {@code NY.GDP.MKTP.KD.ZG} (real GDP growth, annual %), {@code inflation} =
 * {@code FP.CPI.TOTL.ZG} (consumer prices, annual %), {@code unemployment} = {@code SL.UEM.TOTL.ZS} (ILO modelled
 * estimate, % of labour force). No policy rate ({@code NOT_COVERED}). Each observation is dated 1 January of its
 * year; years overlapping {@code [from, to]} are asked ({@code date=YYYY:YYYY}); {@code null} values (the latest
 * years, often) are skipped.
 *
 * <p>The answer is a two-element array {@code [pageMeta, rows]}; more than one page is followed (bounded).
 * Errors come with HTTP 200 as {@code [{"message":[{"id":"120","key":"Invalid value","value":..}]}]}:
 * "Invalid value" is {@code NOT_COVERED}, any other message {@code BAD_RESPONSE}. No rate limit is documented;
 * a 429 is still {@code RATE_LIMITED}. Latency can exceed 25 s (VENDORS.md): raise
 * {@code MDE_PROVIDER_WORLD_BANK_TIMEOUT_MS} if timeouts show. The Morocco payload shape is inferred (no
 * MA capture: UNCONFIRMED); {@code per_page} is accepted as number or string; an empty result as
 * {@code [meta, null]} is read as no observations (UNCONFIRMED).
 */
public final class WorldBankProvider implements Provider {
    public static final String ID = "world_bank";
    public static final String DEFAULT_BASE_URL = "https://api.worldbank.org";
    static final int MAX_PAGES = 10;
    static final Set<String> COUNTRIES = Set.of("MA", "US");
    static final Map<EconomicIndicator, String> INDICATORS = Map.of(
            EconomicIndicator.GDP, "NY.GDP.MKTP.KD.ZG",
            EconomicIndicator.INFLATION, "FP.CPI.TOTL.ZG",
            EconomicIndicator.UNEMPLOYMENT, "SL.UEM.TOTL.ZS");

    private final VendorConfig config;
    private final VendorHttp http;
    private final Clock clock;
    private final ProviderCapabilities capabilities = new ProviderCapabilities(
            EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX, Market.CSE), EnumSet.of(DataType.ECONOMIC_INDICATORS),
            EnumSet.noneOf(Interval.class), false, false);

    public WorldBankProvider(VendorConfig config, Clock clock) {
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
    public List<Bar> bars(BarRequest request) {
        throw new ProviderException(ID, Reason.NOT_COVERED, "the World Bank has no bars");
    }

    @Override
    public EconomicSeries economicSeries(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        String id = INDICATORS.get(indicator);
        if (id == null || !COUNTRIES.contains(country)) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + indicator.wireName() + " series for " + country);
        }
        List<Observation> out = new ArrayList<>();
        int pages = 1;
        for (int page = 1; page <= pages; page++) {
            Map<String, String> q = VendorHttp.params("format", "json", "per_page", "20000", "page", Integer.toString(page),
                    "date", from.getYear() + ":" + to.getYear());
            VendorHttp.Response r = http.get(VendorHttp.uri(config.baseUrl(), "/v2/country/" + country + "/indicator/" + id, q), Map.of());
            JsonNode body = checked(r);
            JsonNode meta = body.get(0);
            if (!meta.isObject() || !meta.has("page") || !meta.has("pages")) {
                throw http.badResponse("no page metadata: " + VendorHttp.excerpt(r.body()));
            }
            pages = (int) http.number(meta, "pages");
            if (pages > MAX_PAGES) {
                throw http.badResponse(pages + " pages for one series at per_page=20000");
            }
            JsonNode rows = body.get(1);
            if (rows == null || rows.isNull()) {
                continue; // no data in the range
            }
            if (!rows.isArray()) {
                throw http.badResponse("rows are not an array: " + VendorHttp.excerpt(r.body()));
            }
            for (JsonNode row : rows) {
                if (!row.isObject() || !id.equals(row.path("indicator").path("id").asText(null))) {
                    throw http.badResponse("row for another indicator or malformed: " + VendorHttp.excerpt(row.toString()));
                }
                String rowCountry = row.path("country").path("id").asText(null);
                if (!country.equals(rowCountry)) {
                    throw http.badResponse("row for country " + rowCountry + ", asked " + country);
                }
                String date = http.text(row, "date");
                if (!date.matches("\\d{4}")) {
                    throw http.badResponse("not an annual date: " + VendorHttp.excerpt(date));
                }
                JsonNode v = row.get("value");
                if (v == null || v.isNull()) {
                    continue; // not published (yet)
                }
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw http.badResponse("value is not a number: " + VendorHttp.excerpt(row.toString()));
                }
                out.add(new Observation(LocalDate.of(Integer.parseInt(date), 1, 1), v.doubleValue()));
            }
        }
        out.sort(Comparator.comparing(Observation::date));
        return new EconomicSeries(country, indicator, indicator.unit(), "annual", out,
                new Source(ID, CacheLayer.NONE, false, clock.instant()));
    }

    private JsonNode checked(VendorHttp.Response r) {
        if (r.status() == 429) {
            Duration wait = VendorHttp.retryAfter(r, clock.instant());
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429", wait != null ? wait : Duration.ofSeconds(60), null);
        }
        if (r.status() >= 500) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        if (r.status() != 200) {
            throw http.badResponse("HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
        }
        JsonNode body = http.json(r);
        if (!body.isArray() || body.isEmpty()) {
            throw http.badResponse("not a [meta, rows] array: " + VendorHttp.excerpt(r.body()));
        }
        JsonNode messages = body.get(0).get("message");
        if (messages != null) {
            JsonNode first = messages.path(0);
            String text = first.path("id").asText("?") + " " + first.path("key").asText("") + ": " + first.path("value").asText("");
            if ("Invalid value".equalsIgnoreCase(first.path("key").asText(""))) {
                throw new ProviderException(ID, Reason.NOT_COVERED, text);
            }
            throw http.badResponse("error message: " + VendorHttp.excerpt(text));
        }
        if (body.size() != 2) {
            throw http.badResponse("not a [meta, rows] array: " + VendorHttp.excerpt(r.body()));
        }
        return body;
    }
}
