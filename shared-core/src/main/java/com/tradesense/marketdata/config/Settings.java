package com.tradesense.marketdata.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the core reads a setting by its property name ({@code mde.provider.polygon.api-key}). In the functions
 * this is MicroProfile Config, so {@code application.properties}, {@code -D}, {@code %profile.} entries and the
 * environment ({@code MDE_PROVIDER_POLYGON_API_KEY}, by Config's own mapping rule) all apply; in plain tests it
 * is a map. The core stays free of the Config API: it only sees this function.
 *
 * <p>Values are trimmed; a blank value counts as unset (as MicroProfile Config treats an empty string).
 */
@FunctionalInterface
public interface Settings {

    /** The raw value of {@code property}, if set. */
    Optional<String> lookup(String property);

    /** The trimmed value of {@code property}, empty when unset or blank. */
    default Optional<String> get(String property) {
        return lookup(property).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The first of {@code properties} that is set (for settings with several accepted spellings). */
    default Optional<String> first(String... properties) {
        for (String p : properties) {
            Optional<String> v = get(p);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** Nothing set: every default applies. */
    Settings NONE = property -> Optional.empty();

    /**
     * Settings from a map whose keys are property names or environment variable names (both are looked up,
     * the property name first), e.g. {@code System.getenv()} or a test's {@code Map.of("MDE_PROVIDER_POLYGON_API_KEY", "k")}.
     */
    static Settings of(Map<String, String> values) {
        return property -> {
            String v = values.get(property);
            return Optional.ofNullable(v != null ? v : values.get(environmentName(property)));
        };
    }

    /**
     * The environment variable MicroProfile Config maps onto {@code property}: every character that is not a
     * letter or a digit becomes {@code _}, then upper case ({@code mde.provider.twelve-data.api-key} and
     * {@code mde.provider.twelve_data.api-key} are both {@code MDE_PROVIDER_TWELVE_DATA_API_KEY}).
     */
    static String environmentName(String property) {
        StringBuilder b = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
