package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.Source;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Nasdaq Data Link (formerly Quandl), per VENDORS.md section 6: time-series datasets
 * ({@code /datasets/{DB}/{CODE}.json}) for economic series, and, when switched on, the SHARADAR equity-prices
 * datatable ({@code /datatables/SHARADAR/SEP.json}, premium) for US daily bars, paged with
 * {@code qopts.cursor_id} until {@code meta.next_cursor_id} is null.
 *
 * <p>Datasets used (all UNCONFIRMED: VENDORS.md records the FRED and ODA databases only as examples of free
 * macro data, some databases having been retired):
 * <ul>
 *   <li>US: the FRED mirror. {@code gdp} = {@code FRED/GDPC1} (real GDP, quarterly) and {@code inflation} =
 *       {@code FRED/CPIAUCSL} (an index, monthly), both turned into the change from a year earlier by this
 *       adapter (the observation dated a year before must exist); {@code unemployment} = {@code FRED/UNRATE};
 *       {@code policy-rate} = {@code FRED/DFEDTARU} reduced to the days it changed, as the FRED adapter does.</li>
 *   <li>Morocco: the IMF cross-country macro database ({@code ODA}): {@code gdp} = {@code ODA/MAR_NGDP_RPCH},
 *       {@code inflation} = {@code ODA/MAR_PCPIPCH}, {@code unemployment} = {@code ODA/MAR_LUR}; annual, dated
 *       1 January of the year; rows after today are IMF projections and are left out. No policy rate.</li>
 * </ul>
 * A dataset's rows are positional arrays matching {@code column_names}; the value is the column named
 * {@code Value} (or the only one after the date); a {@code null} value is skipped.
 *
 * <p>SHARADAR/SEP (column meanings from Sharadar's table guide, not in VENDORS.md: UNCONFIRMED): {@code open},
 * {@code high}, {@code low}, {@code close} and {@code volume} are split-adjusted, {@code closeunadj} is as traded;
 * bars are returned as traded (prices times {@code closeunadj / close}, volume divided by it).
 *
 * <p>Key as the {@code api_key} query parameter (the long-documented form; newer clients also send header
 * {@code X-Api-Token}). Errors are {@code {"quandl_error":{"code","message"}}}: 429 ({@code QELx..}) is
 * {@code RATE_LIMITED} with Retry-After, else 60 s ({@code QELx06}, the speed-limit ban: 10 minutes); 401
 * ({@code QEAx01}, bad key) and 5xx are {@code UNAVAILABLE}; 403 ({@code QEPx..}, not subscribed) and 404
 * ({@code QECx..}, unknown code) are {@code NOT_COVERED}; 400 ({@code QESx..}) and any other shape are
 * {@code BAD_RESPONSE}. Limits (secondary source): 2,000 calls per 10 minutes and 50,000 a day, free key.
 */
public final class NasdaqDataLinkProvider implements Provider {
    public static final String ID = "nasdaq_data_link";
    public static final String DEFAULT_BASE_URL = "https://data.nasdaq.com/api/v3";
    static final int MAX_PAGES = 20;
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    static final Duration SPEED_LIMIT_BAN = Duration.ofMinutes(10);

    /** How one indicator of one country is read. */
    enum Transform { LEVEL, CHANGE_FROM_YEAR_AGO, DECISIONS }

    record DatasetSpec(String database, String code, Transform transform, String frequency) {
        String path() {
            return "/datasets/" + database + "/" + code + ".json";
        }

        String name() {
            return database + "/" + code;
        }
    }

    static final Map<String, Map<EconomicIndicator, DatasetSpec>> DATASETS = Map.of(
            "US", Map.of(
                    EconomicIndicator.GDP, new DatasetSpec("FRED", "GDPC1", Transform.CHANGE_FROM_YEAR_AGO, "quarterly"),
                    EconomicIndicator.INFLATION, new DatasetSpec("FRED", "CPIAUCSL", Transform.CHANGE_FROM_YEAR_AGO, "monthly"),
                    EconomicIndicator.UNEMPLOYMENT, new DatasetSpec("FRED", "UNRATE", Transform.LEVEL, "monthly"),
                    EconomicIndicator.POLICY_RATE, new DatasetSpec("FRED", "DFEDTARU", Transform.DECISIONS, "irregular")),
            "MA", Map.of(
                    EconomicIndicator.GDP, new DatasetSpec("ODA", "MAR_NGDP_RPCH", Transform.LEVEL, "annual"),
                    EconomicIndicator.INFLATION, new DatasetSpec("ODA", "MAR_PCPIPCH", Transform.LEVEL, "annual"),
                    EconomicIndicator.UNEMPLOYMENT, new DatasetSpec("ODA", "MAR_LUR", Transform.LEVEL, "annual")));

    private final VendorConfig config;
    private final VendorHttp http;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final boolean sharadar;
    private final ProviderCapabilities capabilities;

    /**
     * @param sharadar true when the key is subscribed to SHARADAR/SEP ({@code MDE_PROVIDER_NASDAQ_DATA_LINK_SHARADAR=true}):
     *                 only then does the adapter offer bars
     */
    public NasdaqDataLinkProvider(VendorConfig config, MarketCalendars calendars, Clock clock, boolean sharadar) {
        this.config = config;
        this.http = new VendorHttp(ID, config.timeout());
        this.calendars = calendars;
        this.clock = clock;
        this.sharadar = sharadar;
        EnumSet<Market> markets = EnumSet.of(Market.NYSE, Market.NASDAQ, Market.AMEX, Market.CSE);
        this.capabilities = sharadar
                ? new ProviderCapabilities(markets, EnumSet.of(DataType.ECONOMIC_INDICATORS, DataType.OHLCV), EnumSet.of(Interval.D1), false, false)
                : new ProviderCapabilities(markets, EnumSet.of(DataType.ECONOMIC_INDICATORS), EnumSet.noneOf(Interval.class), false, false);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** The dataset read for an indicator of a country, if any. */
    public static Optional<String> datasetFor(String country, EconomicIndicator indicator) {
        return Optional.ofNullable(DATASETS.getOrDefault(country, Map.of()).get(indicator)).map(DatasetSpec::name);
    }

    /** The country and indicator a dataset code ({@code FRED/UNRATE}) stands for, if it is one of ours. */
    public static Optional<Map.Entry<String, EconomicIndicator>> indicatorOf(String dataset) {
        for (Map.Entry<String, Map<EconomicIndicator, DatasetSpec>> c : DATASETS.entrySet()) {
            for (Map.Entry<EconomicIndicator, DatasetSpec> e : c.getValue().entrySet()) {
                if (e.getValue().name().equals(dataset)) {
                    return Optional.of(Map.entry(c.getKey(), e.getKey()));
                }
            }
        }
        return Optional.empty();
    }

    /** SHARADAR tickers are the canonical US symbols ({@code BRK.B}; class-share form UNCONFIRMED). */
    public static String toVendor(Listing listing) {
        if (!listing.market().isUs()) {
            throw new IllegalArgumentException("nasdaq data link adapter does not map " + listing.market());
        }
        return listing.symbol();
    }

    public static String toCanonical(String ticker) {
        return ticker;
    }

    // ------------------------------------------------------------------ economic series

    @Override
    public EconomicSeries economicSeries(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        DatasetSpec spec = DATASETS.getOrDefault(country, Map.of()).get(indicator);
        if (spec == null) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no dataset for " + indicator.wireName() + " in " + country);
        }
        // a year earlier: the base of a year-on-year change, or the decision in force at `from`
        LocalDate start = spec.transform() == Transform.LEVEL ? from : from.minusYears(1);
        if ("annual".equals(spec.frequency())) {
            start = start.withDayOfYear(1);
        }
        JsonNode dataset = checked(http.get(VendorHttp.uri(config.baseUrl(), spec.path(), VendorHttp.params(
                "start_date", start.toString(), "end_date", to.toString(), "order", "asc", "api_key", config.apiKey())), Map.of()));
        JsonNode d = dataset.get("dataset");
        if (d == null || !d.isObject()) {
            throw http.badResponse("no 'dataset' object: " + VendorHttp.excerpt(dataset.toString()));
        }
        if (!spec.database().equals(d.path("database_code").asText()) || !spec.code().equals(d.path("dataset_code").asText())) {
            throw http.badResponse("dataset " + d.path("database_code").asText() + "/" + d.path("dataset_code").asText()
                    + " in the answer for " + spec.name());
        }
        int valueColumn = valueColumn(d);
        JsonNode rows = d.get("data");
        if (rows == null || !rows.isArray()) {
            throw http.badResponse("dataset without a 'data' array");
        }
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        List<Observation> raw = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            if (!row.isArray() || row.size() <= valueColumn) {
                throw http.badResponse("row does not match column_names: " + VendorHttp.excerpt(row.toString()));
            }
            LocalDate date = date(row.get(0), row);
            JsonNode v = row.get(valueColumn);
            if (v.isNull()) {
                continue;
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw http.badResponse("value is not a number: " + VendorHttp.excerpt(row.toString()));
            }
            if ("annual".equals(spec.frequency())) {
                if (date.isAfter(today)) {
                    continue; // an IMF projection, not an observation
                }
                date = date.withDayOfYear(1); // ODA dates a year by its last day; the engine by the period's start
            }
            raw.add(new Observation(date, v.doubleValue()));
        }
        raw.sort(Comparator.comparing(Observation::date));
        LocalDate keepFrom = "annual".equals(spec.frequency()) ? from.withDayOfYear(1) : from; // the year that contains `from`
        List<Observation> out = switch (spec.transform()) {
            case LEVEL -> raw.stream().filter(o -> !o.date().isBefore(keepFrom)).toList();
            case CHANGE_FROM_YEAR_AGO -> changeFromYearAgo(raw, from);
            case DECISIONS -> FredProvider.changes(raw, from);
        };
        return new EconomicSeries(country, indicator, indicator.unit(), spec.frequency(), out,
                new Source(ID, CacheLayer.NONE, false, clock.instant()));
    }

    /** Percent change from the observation dated exactly a year earlier (monthly and quarterly dates are period starts). */
    static List<Observation> changeFromYearAgo(List<Observation> levels, LocalDate from) {
        Map<LocalDate, Double> byDate = new HashMap<>();
        levels.forEach(o -> byDate.put(o.date(), o.value()));
        List<Observation> out = new ArrayList<>();
        for (Observation o : levels) {
            Double before = byDate.get(o.date().minusYears(1));
            if (!o.date().isBefore(from) && before != null && before != 0) {
                out.add(new Observation(o.date(), Math.round((o.value() / before - 1) * 100 * 1e6) / 1e6));
            }
        }
        return out;
    }

    private int valueColumn(JsonNode d) {
        JsonNode names = d.get("column_names");
        if (names == null || !names.isArray() || names.size() < 2 || !"Date".equalsIgnoreCase(names.get(0).asText())) {
            throw http.badResponse("dataset without column_names starting with Date: " + VendorHttp.excerpt(String.valueOf(names)));
        }
        for (int i = 1; i < names.size(); i++) {
            if ("Value".equalsIgnoreCase(names.get(i).asText())) {
                return i;
            }
        }
        if (names.size() == 2) {
            return 1;
        }
        throw http.badResponse("no 'Value' column among " + VendorHttp.excerpt(names.toString()));
    }

    // ------------------------------------------------------------------ bars (SHARADAR/SEP)

    @Override
    public List<Bar> bars(BarRequest request) {
        Listing listing = request.listing();
        if (!sharadar || request.interval() != Interval.D1 || !listing.market().isUs()) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "no " + request.interval().wireName() + " bars for " + listing.symbol());
        }
        String ticker = toVendor(listing);
        MarketCalendar calendar = calendars.of(listing.market());
        LocalDate from = request.from().atZone(listing.market().zone()).toLocalDate();
        LocalDate to = request.to().minusMillis(1).atZone(listing.market().zone()).toLocalDate();
        Map<String, String> query = VendorHttp.params("ticker", ticker, "date.gte", from.toString(), "date.lte", to.toString(),
                "qopts.columns", "ticker,date,open,high,low,close,volume,closeunadj", "qopts.per_page", "10000",
                "api_key", config.apiKey());
        List<Bar> bars = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page == 0 || cursor != null; page++) {
            if (page == MAX_PAGES) {
                throw http.badResponse("more than " + MAX_PAGES + " pages of SHARADAR/SEP");
            }
            Map<String, String> q = new java.util.LinkedHashMap<>(query);
            if (cursor != null) {
                q.put("qopts.cursor_id", cursor);
            }
            JsonNode body = checked(http.get(VendorHttp.uri(config.baseUrl(), "/datatables/SHARADAR/SEP.json", q), Map.of()));
            JsonNode table = body.get("datatable");
            if (table == null || !table.isObject() || !table.path("data").isArray() || !table.path("columns").isArray()) {
                throw http.badResponse("no datatable with data and columns: " + VendorHttp.excerpt(body.toString()));
            }
            Map<String, Integer> col = new HashMap<>();
            JsonNode columns = table.get("columns");
            for (int i = 0; i < columns.size(); i++) {
                col.put(columns.get(i).path("name").asText(), i);
            }
            for (String needed : List.of("ticker", "date", "open", "high", "low", "close", "volume", "closeunadj")) {
                if (!col.containsKey(needed)) {
                    throw http.badResponse("datatable without column '" + needed + "': " + VendorHttp.excerpt(columns.toString()));
                }
            }
            for (JsonNode row : table.get("data")) {
                if (!row.isArray() || row.size() != columns.size()) {
                    throw http.badResponse("row does not match the columns: " + VendorHttp.excerpt(row.toString()));
                }
                if (!ticker.equals(row.get(col.get("ticker")).asText())) {
                    throw http.badResponse("row of '" + row.get(col.get("ticker")).asText() + "' in the answer for '" + ticker + "'");
                }
                LocalDate date = date(row.get(col.get("date")), row);
                double close = num(row, col.get("close"));
                double unadj = num(row, col.get("closeunadj"));
                if (!(close > 0) || !(unadj > 0)) {
                    continue; // cannot be un-adjusted: BarValidator would refuse it anyway
                }
                double f = unadj / close;
                Bar b = BarValidator.repair(VendorBars.dailyStamp(calendar, date), num(row, col.get("open")) * f,
                        num(row, col.get("high")) * f, num(row, col.get("low")) * f, unadj,
                        Math.round(num(row, col.get("volume")) / f), Bar.NO_COUNT, Double.NaN);
                if (b != null) {
                    bars.add(b);
                }
            }
            JsonNode next = body.path("meta").get("next_cursor_id");
            if (next == null && !body.path("meta").isObject()) {
                throw http.badResponse("datatable without 'meta'");
            }
            cursor = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
        }
        return VendorBars.window(bars, request);
    }

    private double num(JsonNode row, int i) {
        JsonNode v = row.get(i);
        if (v == null || !v.isNumber()) {
            throw http.badResponse("column " + i + " is not a number: " + VendorHttp.excerpt(row.toString()));
        }
        return v.doubleValue();
    }

    private LocalDate date(JsonNode v, JsonNode row) {
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeException e) {
            throw http.badResponse("unreadable date in " + VendorHttp.excerpt(row.toString()));
        }
    }

    // ------------------------------------------------------------------ errors

    private JsonNode checked(VendorHttp.Response r) {
        int s = r.status();
        if (s == 200) {
            JsonNode body = http.json(r);
            if (!body.isObject() || body.has("quandl_error")) {
                throw http.badResponse("not data under HTTP 200: " + VendorHttp.excerpt(r.body()));
            }
            return body;
        }
        String code = "";
        String message = VendorHttp.excerpt(r.body());
        try {
            JsonNode e = http.json(r).path("quandl_error");
            if (e.isObject()) {
                code = e.path("code").asText("");
                message = code + " " + e.path("message").asText("");
            }
        } catch (ProviderException notJson) {
            // a proxy's page: the status decides
        }
        if (s == 429) {
            Duration wait = VendorHttp.retryAfter(r, clock.instant());
            throw new ProviderException(ID, Reason.RATE_LIMITED, "HTTP 429: " + message,
                    wait != null ? wait : code.toUpperCase(Locale.ROOT).equals("QELX06") ? SPEED_LIMIT_BAN : DEFAULT_RETRY_AFTER, null);
        }
        if (s >= 500 || s == 401) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + s + ": " + message);
        }
        if (s == 403 || s == 404) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "HTTP " + s + ": " + message);
        }
        throw http.badResponse("HTTP " + s + ": " + message);
    }
}
