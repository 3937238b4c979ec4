package com.tradesense.marketdata.config;

import com.tradesense.marketdata.provider.vendor.VendorConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void environmentNamesFollowMicroProfileConfigsRule() {
        assertThat(Settings.environmentName("mde.provider.twelve-data.api-key")).isEqualTo("MDE_PROVIDER_TWELVE_DATA_API_KEY");
        assertThat(Settings.environmentName("mde.provider.twelve_data.api-key")).isEqualTo("MDE_PROVIDER_TWELVE_DATA_API_KEY");
        assertThat(Settings.environmentName("mde.provider.finnhub.stream.silence-ms")).isEqualTo("MDE_PROVIDER_FINNHUB_STREAM_SILENCE_MS");
        assertThat(Settings.environmentName("quarkus.redis.\"cache\".hosts")).isEqualTo("QUARKUS_REDIS__CACHE__HOSTS");
    }

    @Test
    void aMapAnswersByPropertyNameOrEnvironmentNameAndBlankIsUnset() {
        Settings s = Settings.of(Map.of("MDE_PROVIDER_POLYGON_API_KEY", " k1 ", "mde.provider.yahoo.enabled", "true",
                "MDE_PROVIDER_FRED_API_KEY", "  "));
        assertThat(s.get("mde.provider.polygon.api-key")).contains("k1");
        assertThat(s.get("mde.provider.yahoo.enabled")).contains("true");
        assertThat(s.get("mde.provider.fred.api-key")).isEmpty();
        assertThat(s.first("mde.provider.nope.api-key", "mde.provider.polygon.api-key")).contains("k1");
    }

    @Test
    void eitherSpellingOfAVendorIdWorksInPropertiesFiles() {
        Settings dashed = Settings.of(Map.of("mde.provider.twelve-data.api-key", "a"));
        Settings underscored = Settings.of(Map.of("mde.provider.twelve_data.api-key", "b"));
        assertThat(VendorConfig.apiKey("twelve_data", dashed)).isEqualTo("a");
        assertThat(VendorConfig.apiKey("twelve_data", underscored)).isEqualTo("b");
    }

    @Test
    void aBadValueIsAStartUpErrorNamingTheSettingAndItsVariable() {
        Settings s = Settings.of(Map.of("MDE_PROVIDER_YAHOO_ENABLED", "yes"));
        assertThatThrownBy(() -> VendorConfig.from("yahoo", s, "https://x", false, 90))
                .hasMessageContaining("mde.provider.yahoo.enabled").hasMessageContaining("MDE_PROVIDER_YAHOO_ENABLED")
                .hasMessageContaining("'yes'");
        Settings t = Settings.of(Map.of("MDE_PROVIDER_POLYGON_API_KEY", "k", "MDE_PROVIDER_POLYGON_TIMEOUT_MS", "5s"));
        assertThatThrownBy(() -> VendorConfig.from("polygon", t, "https://x", true, 10))
                .hasMessageContaining("MDE_PROVIDER_POLYGON_TIMEOUT_MS");
    }
}
