package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.secrets.Redaction;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How one vendor adapter is configured, read from the environment:
 * {@code MDE_PROVIDER_<ID>_API_KEY}, {@code _BASE_URL}, {@code _PRIORITY} (lower first),
 * {@code _ENABLED} ({@code true}/{@code false}), {@code _TIMEOUT_MS} (per request, default 5000).
 * A vendor that needs a key is off unless its key is set (and {@code _ENABLED} is not {@code false});
 * a keyless vendor (Yahoo) is off unless {@code _ENABLED=true}.
 */
public record VendorConfig(String id, String apiKey, URI baseUrl, int priority, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public VendorConfig {
        // From here on the key is masked in every log line, exception message and answer.
        Redaction.register(apiKey);
    }

    /** {@code twelve_data} -> {@code MDE_PROVIDER_TWELVE_DATA_} */
    public static String envPrefix(String id) {
        return "MDE_PROVIDER_" + id.toUpperCase(Locale.ROOT) + "_";
    }

    /** True when the environment holds a key for {@code id} (whether or not the adapter is enabled). */
    public static boolean credentialsConfigured(String id, Map<String, String> env) {
        return key(envPrefix(id), env) != null;
    }

    /**
     * The key from {@code <prefix>API_KEY}, or else from the file named by {@code <prefix>API_KEY_FILE} (a mounted
     * Kubernetes or Docker secret), trimmed; null when neither is set. Also what the provider's streaming feed
     * reads, so one key (or one mounted file) serves both.
     */
    public static String key(String prefix, Map<String, String> env) {
        String key = trimmed(env.get(prefix + "API_KEY"));
        String file = trimmed(env.get(prefix + "API_KEY_FILE"));
        if (key != null || file == null) {
            return key;
        }
        try {
            return trimmed(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
        } catch (java.io.IOException | RuntimeException e) {
            // Name the file, never its content.
            throw new IllegalStateException(prefix + "API_KEY_FILE " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** The configuration, or empty when the vendor is off. */
    public static Optional<VendorConfig> from(String id, Map<String, String> env, String defaultBaseUrl,
                                              boolean needsKey, int defaultPriority) {
        String prefix = envPrefix(id);
        String key = key(prefix, env);
        String enabled = trimmed(env.get(prefix + "ENABLED"));
        boolean on = needsKey ? key != null && !"false".equalsIgnoreCase(enabled) : "true".equalsIgnoreCase(enabled);
        if (!on) {
            return Optional.empty();
        }
        String base = trimmed(env.get(prefix + "BASE_URL"));
        String priority = trimmed(env.get(prefix + "PRIORITY"));
        String timeout = trimmed(env.get(prefix + "TIMEOUT_MS"));
        try {
            return Optional.of(new VendorConfig(id, key,
                    URI.create(stripSlash(base != null ? base : defaultBaseUrl)),
                    priority != null ? Integer.parseInt(priority) : defaultPriority,
                    timeout != null ? Duration.ofMillis(Long.parseLong(timeout)) : DEFAULT_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("bad configuration for provider " + id + " (" + prefix + "*): " + e.getMessage(), e);
        }
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
