package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.secrets.Redaction;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How one vendor adapter is configured, read through {@link Settings} under {@code mde.provider.<id>.}:
 * {@code api-key}, {@code api-key-file}, {@code base-url}, {@code priority} (lower first), {@code enabled}
 * ({@code true}/{@code false}), {@code timeout-ms} (per request, default 5000). The id may be spelled with
 * {@code -} or {@code _} ({@code mde.provider.twelve-data.api-key}); as environment variables both are
 * {@code MDE_PROVIDER_TWELVE_DATA_API_KEY}. A vendor that needs a key is off unless its key is set (and
 * {@code enabled} is not {@code false}); a keyless vendor (Yahoo) is off unless {@code enabled=true}.
 */
public record VendorConfig(String id, String apiKey, URI baseUrl, int priority, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public VendorConfig {
        // From here on the key is masked in every log line, exception message and answer.
        Redaction.register(apiKey);
    }

    /** {@code twelve_data}, {@code api-key} -> {@code mde.provider.twelve-data.api-key} (the spelling docs use). */
    public static String property(String id, String setting) {
        return "mde.provider." + id.replace('_', '-') + "." + setting;
    }

    /** The value of one of {@code id}'s settings, under either spelling of the id. */
    public static Optional<String> setting(String id, String setting, Settings settings) {
        return settings.first(property(id, setting), "mde.provider." + id + "." + setting);
    }

    /** How a setting is named in errors: the property and its environment variable. */
    public static String describe(String id, String setting) {
        String p = property(id, setting);
        return p + " (" + Settings.environmentName(p) + ")";
    }

    /** True when a key for {@code id} is configured (whether or not the adapter is enabled). */
    public static boolean credentialsConfigured(String id, Settings settings) {
        return apiKey(id, settings) != null;
    }

    /**
     * The key from {@code api-key}, or else from the file named by {@code api-key-file} (a mounted Kubernetes or
     * Docker secret), trimmed; null when neither is set. Also what the provider's streaming feed reads, so one key
     * (or one mounted file) serves both.
     */
    public static String apiKey(String id, Settings settings) {
        Optional<String> key = setting(id, "api-key", settings);
        Optional<String> file = setting(id, "api-key-file", settings);
        if (key.isPresent() || file.isEmpty()) {
            return key.orElse(null);
        }
        try {
            String k = java.nio.file.Files.readString(java.nio.file.Path.of(file.get())).trim();
            return k.isEmpty() ? null : k;
        } catch (java.io.IOException | RuntimeException e) {
            // Name the file, never its content.
            throw new IllegalStateException(describe(id, "api-key-file") + " " + file.get() + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    /** A boolean setting of {@code id}: {@code true} or {@code false}, anything else is a start-up error naming it. */
    public static Optional<Boolean> flag(String id, String setting, Settings settings) {
        Optional<String> v = setting(id, setting, settings);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get().equalsIgnoreCase("true") || v.get().equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(v.get().toLowerCase(java.util.Locale.ROOT)));
        }
        throw new IllegalStateException(describe(id, setting) + " must be true or false, not '" + v.get() + "'");
    }

    /** The configuration, or empty when the vendor is off. */
    public static Optional<VendorConfig> from(String id, Settings settings, String defaultBaseUrl,
                                              boolean needsKey, int defaultPriority) {
        String key = apiKey(id, settings);
        Optional<Boolean> enabled = flag(id, "enabled", settings);
        boolean on = needsKey ? key != null && enabled.orElse(true) : enabled.orElse(false);
        if (!on) {
            return Optional.empty();
        }
        String base = setting(id, "base-url", settings).orElse(defaultBaseUrl);
        int priority = setting(id, "priority", settings).map(v -> number(id, "priority", v)).orElse((long) defaultPriority).intValue();
        Duration timeout = setting(id, "timeout-ms", settings).map(v -> Duration.ofMillis(number(id, "timeout-ms", v)))
                .orElse(DEFAULT_TIMEOUT);
        try {
            return Optional.of(new VendorConfig(id, key, URI.create(stripSlash(base)), priority, timeout));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("bad configuration for provider " + id + ": " + describe(id, "base-url") + " "
                    + e.getMessage(), e);
        }
    }

    private static long number(String id, String setting, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("bad configuration for provider " + id + ": " + describe(id, setting)
                    + " must be a whole number, not '" + value + "'");
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
