package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.secrets.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider key can come from a mounted secret file, and is then masked like one from the environment. */
class VendorKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void keyFromAMountedFileSwitchesTheVendorOnAndIsRedacted() throws Exception {
        Path f = dir.resolve("polygon-key");
        Files.writeString(f, "FILEKEY-0a1b2c3d4e\n");
        Map<String, String> env = Map.of("MDE_PROVIDER_POLYGON_API_KEY_FILE", f.toString());
        VendorConfig c = VendorConfig.from("polygon", Settings.of(env), "https://api.polygon.io", true, 10).orElseThrow();
        assertThat(c.apiKey()).isEqualTo("FILEKEY-0a1b2c3d4e");
        assertThat(VendorConfig.credentialsConfigured("polygon", Settings.of(env))).isTrue();
        assertThat(Redaction.redact("vendor said FILEKEY-0a1b2c3d4e")).isEqualTo("vendor said ***");
        assertThat(VendorConfig.from("polygon", Settings.NONE, "https://api.polygon.io", true, 10)).isEmpty();
    }
}
