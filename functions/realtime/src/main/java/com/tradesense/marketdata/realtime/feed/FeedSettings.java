package com.tradesense.marketdata.realtime.feed;

import com.tradesense.marketdata.provider.vendor.FinnhubProvider;
import com.tradesense.marketdata.provider.vendor.VendorConfig;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The real-time feed settings, read through MicroProfile Config so that {@code mde.provider.finnhub.stream.*}
 * properties (a test profile, application.properties) work as well as the environment variables
 * {@code MDE_PROVIDER_FINNHUB_STREAM_*} / {@code MDE_PROVIDER_FINNHUB_API_KEY}, which Config maps onto them.
 * Given to {@link com.tradesense.marketdata.provider.stream.UpstreamFeeds#fromEnvironment} in its
 * environment-variable shape.
 */
public final class FeedSettings {
    /** The settings UpstreamFeeds reads, after the provider's prefix. */
    private static final String[] NAMES = {"STREAM_ENABLED", "STREAM_URL", "STREAM_SILENCE_MS", "API_KEY", "API_KEY_FILE"};

    private FeedSettings() {
    }

    /** {@code MDE_PROVIDER_FINNHUB_STREAM_ENABLED} etc. to their values, for those set. */
    public static Map<String, String> finnhub(Config config) {
        String prefix = VendorConfig.envPrefix(FinnhubProvider.ID);
        Map<String, String> out = new HashMap<>();
        for (String name : NAMES) {
            // MDE_PROVIDER_FINNHUB_STREAM_SILENCE_MS <- mde.provider.finnhub.stream.silence-ms
            String property = "mde.provider." + FinnhubProvider.ID + "."
                    + name.toLowerCase(Locale.ROOT).replaceFirst("^stream_", "stream.").replace('_', '-');
            config.getOptionalValue(property, String.class).ifPresent(v -> out.put(prefix + name, v));
        }
        return out;
    }

    /** True when the Finnhub trade stream is switched on. */
    public static boolean finnhubEnabled(Map<String, String> settings) {
        return "true".equalsIgnoreCase(settings.getOrDefault(VendorConfig.envPrefix(FinnhubProvider.ID) + "STREAM_ENABLED", "").trim());
    }

    /** A stream switched on without an API key cannot connect: says so at startup. */
    public static void requireKey(Map<String, String> settings) {
        String prefix = VendorConfig.envPrefix(FinnhubProvider.ID);
        String key = VendorConfig.key(prefix, settings);
        if (finnhubEnabled(settings) && (key == null || key.isBlank())) {
            throw new IllegalStateException(prefix + "STREAM_ENABLED=true needs " + prefix + "API_KEY (or " + prefix + "API_KEY_FILE)");
        }
    }
}
