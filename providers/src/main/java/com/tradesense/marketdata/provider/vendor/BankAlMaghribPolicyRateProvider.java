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
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Morocco's policy rate from Bank Al-Maghrib's monetary-policy operations
 * ({@code GET /adju/Version1/api/GenTELADJ?dateAdjudicationDu=&dateAdjudicationAu=&instrument=AVANCES7J}, header
 * {@code Ocp-Apim-Subscription-Key}), per VENDORS.md section 8. The API documents no "policy rate" series as such:
 * the key rate is the rate of the bank's main refinancing operation, the 7-day advances, so the series is the
 * {@code taux} of those operations reduced to the days it changed, plus the level in force at {@code from}
 * (that every 7-day advance is served at exactly the key rate is UNCONFIRMED).
 *
 * <p>Rows: {@code {"dateAdjudication":"2023-01-04","dateValeur":"2023-01-05","dateEcheance":"2023-01-12",
 * "instrument":"avances à 7 jours","mntDemande":56990.0,"mntServi":56990.0,"taux":2.5}}; a rate takes effect on its
 * value date ({@code dateValeur}). A row of another instrument is wrong data ({@code BAD_RESPONSE}).
 *
 * <p>A separate provider from {@link BankAlMaghribProvider} because the API's keys are per product: this one
 * needs the "Marché des adjudications des bons du Trésor" key ({@code MDE_PROVIDER_BANK_AL_MAGHRIB_AUCTIONS_API_KEY}).
 * Errors as for the FX rates: 204 or {@code []} is no operation; 401/403 and 5xx {@code UNAVAILABLE}; 429
 * {@code RATE_LIMITED} (Retry-After, else the APIM "Try again in N seconds", else a minute; bodies UNCONFIRMED
 * for BAM).
 */
public final class BankAlMaghribPolicyRateProvider implements Provider {
    public static final String ID = "bank_al_maghrib_auctions";
    public static final String DEFAULT_BASE_URL = BankAlMaghribProvider.DEFAULT_BASE_URL;
    static final String PATH = "/adju/Version1/api/GenTELADJ";
    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in (\\d+) seconds?");

    private final VendorConfig config;
    private final VendorHttp http;
    private final Clock clock;
    private final ProviderCapabilities capabilities = new ProviderCapabilities(EnumSet.of(Market.CSE),
            EnumSet.of(DataType.ECONOMIC_INDICATORS), EnumSet.noneOf(Interval.class), false, false);

    public BankAlMaghribPolicyRateProvider(VendorConfig config, Clock clock) {
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
        throw new ProviderException(ID, Reason.NOT_COVERED, "Bank Al-Maghrib's operations are not bars");
    }

    @Override
    public EconomicSeries economicSeries(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        if (!"MA".equals(country) || indicator != EconomicIndicator.POLICY_RATE) {
            throw new ProviderException(ID, Reason.NOT_COVERED, "only Morocco's policy rate, not " + indicator.wireName() + " for " + country);
        }
        // 7-day advances are weekly: a year before `from` surely holds the rate in force then
        VendorHttp.Response r = http.get(VendorHttp.uri(config.baseUrl(), PATH, VendorHttp.params(
                "dateAdjudicationDu", from.minusYears(1).toString(), "dateAdjudicationAu", to.toString(), "instrument", "AVANCES7J")),
                Map.of("Ocp-Apim-Subscription-Key", config.apiKey()));
        List<Observation> operations = new ArrayList<>();
        JsonNode rows = checked(r);
        if (rows != null) {
            for (JsonNode row : rows) {
                if (!row.isObject()) {
                    throw http.badResponse("row is not an object: " + VendorHttp.excerpt(row.toString()));
                }
                String instrument = http.text(row, "instrument").toLowerCase(Locale.ROOT);
                if (!instrument.contains("7 jours")) {
                    throw http.badResponse("operation '" + instrument + "' in the answer for 7-day advances");
                }
                double rate = http.number(row, "taux");
                if (!(rate >= 0) || rate > 100) {
                    throw http.badResponse("not a rate: " + VendorHttp.excerpt(row.toString()));
                }
                LocalDate effective;
                try {
                    effective = LocalDate.parse(http.text(row, row.hasNonNull("dateValeur") ? "dateValeur" : "dateAdjudication").substring(0, 10));
                } catch (DateTimeException | StringIndexOutOfBoundsException e) {
                    throw http.badResponse("unreadable date in " + VendorHttp.excerpt(row.toString()));
                }
                if (!effective.isAfter(to)) {
                    operations.add(new Observation(effective, rate));
                }
            }
        }
        operations.sort(Comparator.comparing(Observation::date));
        return new EconomicSeries(country, indicator, indicator.unit(), indicator.frequency(), FredProvider.changes(operations, from),
                new Source(ID, CacheLayer.NONE, false, clock.instant()));
    }

    /** The rows, or null when there was no operation (204, empty body). */
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
        if (r.status() >= 500 || r.status() == 401 || r.status() == 403) {
            throw new ProviderException(ID, Reason.UNAVAILABLE, "HTTP " + r.status() + ": " + VendorHttp.excerpt(r.body()));
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
