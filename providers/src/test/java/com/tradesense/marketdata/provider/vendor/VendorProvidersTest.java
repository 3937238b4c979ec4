package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.provider.Provider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.CALENDARS;
import static com.tradesense.marketdata.provider.vendor.VendorTestSupport.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorProvidersTest {
    @Test
    void nothingConfiguredMeansNoVendors() {
        assertThat(VendorProviders.fromEnvironment(Map.of(), CALENDARS, CLOCK)).isEmpty();
    }

    @Test
    void keysSwitchVendorsOnInPriorityOrderAndYahooNeedsEnabled() {
        Map<String, String> env = Map.of("MDE_PROVIDER_TWELVE_DATA_API_KEY", "k1", "MDE_PROVIDER_POLYGON_API_KEY", "k2",
                "MDE_PROVIDER_YAHOO_ENABLED", "true", "MDE_PROVIDER_ALPHA_VANTAGE_API_KEY", "k3");
        assertThat(VendorProviders.fromEnvironment(env, CALENDARS, CLOCK)).extracting(Provider::id)
                .containsExactly("polygon", "twelve_data", "alpha_vantage", "yahoo");
        Map<String, String> reordered = Map.of("MDE_PROVIDER_TWELVE_DATA_API_KEY", "k1", "MDE_PROVIDER_TWELVE_DATA_PRIORITY", "1",
                "MDE_PROVIDER_POLYGON_API_KEY", "k2", "MDE_PROVIDER_YAHOO_API_KEY", "ignored");
        assertThat(VendorProviders.fromEnvironment(reordered, CALENDARS, CLOCK)).extracting(Provider::id)
                .containsExactly("twelve_data", "polygon");
        assertThat(VendorProviders.fromEnvironment(Map.of("MDE_PROVIDER_POLYGON_API_KEY", "k", "MDE_PROVIDER_POLYGON_ENABLED", "false"),
                CALENDARS, CLOCK)).isEmpty();
    }

    @Test
    void economicVendorsComeAfterTheBarVendors() {
        Map<String, String> env = Map.of("MDE_PROVIDER_FRED_API_KEY", "k0", "MDE_PROVIDER_POLYGON_API_KEY", "k2",
                "MDE_PROVIDER_YAHOO_ENABLED", "true", "MDE_PROVIDER_WORLD_BANK_ENABLED", "true",
                "MDE_PROVIDER_BANK_AL_MAGHRIB_API_KEY", "k4");
        assertThat(VendorProviders.fromEnvironment(env, CALENDARS, CLOCK)).extracting(Provider::id)
                .containsExactly("polygon", "yahoo", "bank_al_maghrib", "fred", "world_bank");
        assertThat(VendorProviders.fromEnvironment(Map.of("MDE_PROVIDER_WORLD_BANK_API_KEY", "ignored"), CALENDARS, CLOCK)).isEmpty();
        assertThat(VendorProviders.KNOWN).containsEntry("fred", true).containsEntry("world_bank", false).containsEntry("bank_al_maghrib", true);
    }

    @Test
    void badConfigurationFailsLoudly() {
        assertThatThrownBy(() -> VendorProviders.fromEnvironment(Map.of("MDE_PROVIDER_POLYGON_API_KEY", "k",
                "MDE_PROVIDER_POLYGON_PRIORITY", "first"), CALENDARS, CLOCK)).hasMessageContaining("MDE_PROVIDER_POLYGON_");
    }
    @Test
    void theExchangeFinnhubNasdaqDataLinkAndTheBamPolicyRateTakeTheirPlaces() {
        Map<String, String> env = Map.of("MDE_PROVIDER_CSE_API_ENABLED", "true", "MDE_PROVIDER_FINNHUB_API_KEY", "k1",
                "MDE_PROVIDER_NASDAQ_DATA_LINK_API_KEY", "k2", "MDE_PROVIDER_BANK_AL_MAGHRIB_AUCTIONS_API_KEY", "k3",
                "MDE_PROVIDER_TWELVE_DATA_API_KEY", "k4", "MDE_PROVIDER_FRED_API_KEY", "k5");
        assertThat(VendorProviders.fromEnvironment(env, CALENDARS, CLOCK)).extracting(Provider::id)
                .containsExactly("cse_api", "twelve_data", "finnhub", "bank_al_maghrib_auctions", "fred", "nasdaq_data_link");
        // the exchange's data needs no key but must be asked for; a key does not switch it on
        assertThat(VendorProviders.fromEnvironment(Map.of("MDE_PROVIDER_CSE_API_API_KEY", "ignored"), CALENDARS, CLOCK)).isEmpty();
        assertThat(VendorProviders.fromEnvironment(env, CALENDARS, CLOCK)).filteredOn(Provider::isExchange)
                .extracting(Provider::id).containsExactly("cse_api");
        // Nasdaq Data Link serves bars only when the key has SHARADAR
        Provider ndl = VendorProviders.fromEnvironment(Map.of("MDE_PROVIDER_NASDAQ_DATA_LINK_API_KEY", "k",
                "MDE_PROVIDER_NASDAQ_DATA_LINK_SHARADAR", "true"), CALENDARS, CLOCK).get(0);
        assertThat(ndl.capabilities().dataTypes()).contains(com.tradesense.marketdata.domain.DataType.OHLCV);
        assertThat(VendorProviders.KNOWN).containsEntry("finnhub", true).containsEntry("nasdaq_data_link", true)
                .containsEntry("cse_api", false).containsEntry("bank_al_maghrib_auctions", true);
        assertThatThrownBy(() -> VendorProviders.fromEnvironment(Map.of("MDE_PROVIDER_CSE_API_ENABLED", "true",
                "MDE_PROVIDER_CSE_API_INSTRUMENTS", "IAM:12"), CALENDARS, CLOCK)).hasMessageContaining("MDE_PROVIDER_CSE_API_INSTRUMENTS");
    }
}
