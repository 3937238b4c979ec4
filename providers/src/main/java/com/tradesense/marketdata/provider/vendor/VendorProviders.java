package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCatalogue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The vendor adapters the environment switches on, most preferred first. Default priorities put
 * Polygon (10) and the Bourse de Casablanca's own data (15, Casablanca only) before Twelve Data (20) before Finnhub (25) before Alpha Vantage (30, 25 calls a day on the free plan) before Yahoo (90, unofficial); the economic-series vendors come after them (FRED 100, Nasdaq Data Link 105, World Bank 110: FRED's US series are monthly/quarterly, the World Bank's annual); Bank Al-Maghrib's daily MAD reference-rate bars come after every bar vendor (95); {@code mde.provider.<id>.priority}
 * ({@code MDE_PROVIDER_<ID>_PRIORITY}) reorders them (see {@link VendorConfig} for every setting). With nothing configured the list is empty and the simulator serves alone.
 */
public final class VendorProviders {
    /** The adapters this build has, for status pages: id and whether it needs a key. */
    public static final Map<String, Boolean> KNOWN = Map.ofEntries(Map.entry(PolygonProvider.ID, true),
            Map.entry(TwelveDataProvider.ID, true), Map.entry(YahooChartProvider.ID, false), Map.entry(AlphaVantageProvider.ID, true),
            Map.entry(FredProvider.ID, true), Map.entry(WorldBankProvider.ID, false), Map.entry(BankAlMaghribProvider.ID, true),
            Map.entry(FinnhubProvider.ID, true), Map.entry(NasdaqDataLinkProvider.ID, true),
            Map.entry(CasablancaBourseProvider.ID, false), Map.entry(BankAlMaghribPolicyRateProvider.ID, true));

    private VendorProviders() {
    }

    /** The adapters this build has ({@link #KNOWN}), and whether {@code settings} hold a key for each. */
    public static ProviderCatalogue catalogue(Settings settings) {
        return new ProviderCatalogue() {
            @Override
            public Map<String, Boolean> known() {
                return KNOWN;
            }

            @Override
            public boolean credentialsConfigured(String id) {
                return VendorConfig.credentialsConfigured(id, settings);
            }
        };
    }

    /** The adapters switched on by an environment-shaped map ({@code MDE_PROVIDER_POLYGON_API_KEY=...}): for tests. */
    public static List<Provider> fromEnvironment(Map<String, String> env, MarketCalendars calendars, Clock clock) {
        return configured(Settings.of(env), calendars, clock);
    }

    /** The adapters {@code settings} switch on, most preferred first. */
    public static List<Provider> configured(Settings env, MarketCalendars calendars, Clock clock) {
        record Entry(int priority, Provider provider) {
        }
        List<Entry> out = new ArrayList<>();
        VendorConfig.from(PolygonProvider.ID, env, PolygonProvider.DEFAULT_BASE_URL, true, 10)
                .ifPresent(c -> out.add(new Entry(c.priority(), new PolygonProvider(c, calendars, clock))));
        // the exchange's own data: first for the only market it covers (keyless, on with _ENABLED=true)
        VendorConfig.from(CasablancaBourseProvider.ID, env, CasablancaBourseProvider.DEFAULT_BASE_URL, false, 15)
                .ifPresent(c -> out.add(new Entry(c.priority(), new CasablancaBourseProvider(c, calendars, clock,
                        VendorConfig.setting(CasablancaBourseProvider.ID, "instruments", env).orElse(null)))));
        VendorConfig.from(TwelveDataProvider.ID, env, TwelveDataProvider.DEFAULT_BASE_URL, true, 20)
                .ifPresent(c -> out.add(new Entry(c.priority(), new TwelveDataProvider(c, calendars, clock))));
        VendorConfig.from(FinnhubProvider.ID, env, FinnhubProvider.DEFAULT_BASE_URL, true, 25)
                .ifPresent(c -> out.add(new Entry(c.priority(), new FinnhubProvider(c, calendars, clock))));
        VendorConfig.from(AlphaVantageProvider.ID, env, AlphaVantageProvider.DEFAULT_BASE_URL, true, 30)
                .ifPresent(c -> out.add(new Entry(c.priority(), new AlphaVantageProvider(c, calendars, clock))));
        VendorConfig.from(YahooChartProvider.ID, env, YahooChartProvider.DEFAULT_BASE_URL, false, 90)
                .ifPresent(c -> out.add(new Entry(c.priority(), new YahooChartProvider(c, calendars, clock,
                        VendorConfig.flag(YahooChartProvider.ID, "casablanca", env).orElse(false)))));
        // economic-only: no bars, so its place among the bar vendors does not matter; any real provider is
        // asked before the simulator (ProviderRegistry)
        VendorConfig.from(FredProvider.ID, env, FredProvider.DEFAULT_BASE_URL, true, 100)
                .ifPresent(c -> out.add(new Entry(c.priority(), new FredProvider(c, clock))));
        VendorConfig.from(NasdaqDataLinkProvider.ID, env, NasdaqDataLinkProvider.DEFAULT_BASE_URL, true, 105)
                .ifPresent(c -> out.add(new Entry(c.priority(), new NasdaqDataLinkProvider(c, calendars, clock,
                        VendorConfig.flag(NasdaqDataLinkProvider.ID, "sharadar", env).orElse(false)))));
        VendorConfig.from(WorldBankProvider.ID, env, WorldBankProvider.DEFAULT_BASE_URL, false, 110)
                .ifPresent(c -> out.add(new Entry(c.priority(), new WorldBankProvider(c, clock))));
        VendorConfig.from(BankAlMaghribProvider.ID, env, BankAlMaghribProvider.DEFAULT_BASE_URL, true, 95)
                .ifPresent(c -> out.add(new Entry(c.priority(), new BankAlMaghribProvider(c, calendars, clock))));
        // the policy rate needs the auctions product's own key (BAM keys are per product)
        VendorConfig.from(BankAlMaghribPolicyRateProvider.ID, env, BankAlMaghribPolicyRateProvider.DEFAULT_BASE_URL, true, 96)
                .ifPresent(c -> out.add(new Entry(c.priority(), new BankAlMaghribPolicyRateProvider(c, clock))));
        out.sort(Comparator.comparingInt(Entry::priority));
        return out.stream().map(Entry::provider).toList();
    }
}
