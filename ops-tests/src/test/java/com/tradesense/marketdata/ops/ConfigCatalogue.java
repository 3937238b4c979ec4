package com.tradesense.marketdata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.provider.vendor.VendorProviders;
import com.tradesense.marketdata.rest.store.PgPools;
import com.tradesense.marketdata.rest.store.RedisClients;
import io.smallrye.config.ConfigMappings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting the engine reads, by property name, with the environment variable MicroProfile Config maps onto it:
 * <ol>
 *   <li>the properties of every {@code @ConfigMapping} interface in the engine's main sources (SmallRye's own
 *       enumeration of a mapping, so groups, defaults and maps are as Config sees them);</li>
 *   <li>the {@code mde.*} names the code reads by name (string literals in main sources: {@code @ConfigProperty},
 *       {@code getOptionalValue}, the core's {@code Settings} look-ups; a literal ending in a dot is a family), and those
 *       shared-rest's defaults hand to Quarkus ({@code ${mde.redis.password:}});</li>
 *   <li>the vendor settings, {@code mde.provider.<id>.<setting>} for the adapters this build has;</li>
 *   <li>the Quarkus properties of the extensions on the engine's class path (their {@code quarkus-config-model.json}),
 *       where a Redis client or datasource is one of the engine's named ones: a default {@code quarkus.redis.hosts} or
 *       {@code quarkus.datasource.reactive.url} configures a client nothing uses.</li>
 * </ol>
 */
final class ConfigCatalogue {
    /** Main sources of the modules the deployed functions are built from. */
    static final List<String> SOURCES = List.of("shared-core/src/main", "providers/src/main", "shared-rest/src/main",
            "functions/historical/src/main", "functions/realtime/src/main", "functions/status/src/main");
    /** Every vendor's settings ({@code VendorConfig}). */
    static final List<String> VENDOR_SETTINGS = List.of("api-key", "api-key-file", "base-url", "priority", "enabled", "timeout-ms");
    /** Settings of one adapter only (VendorProviders, UpstreamFeeds). */
    static final Map<String, List<String>> VENDOR_EXTRAS = Map.of("cse_api", List.of("instruments"), "yahoo", List.of("casablanca"),
            "nasdaq_data_link", List.of("sharadar"), "finnhub", List.of("stream.enabled", "stream.url", "stream.silence-ms"));
    /**
     * Lines whose {@code "mde.*"} literals are not settings: metric names (Micrometer builders) and routing-context keys.
     */
    static final Pattern NOT_A_SETTING = Pattern.compile("\\.builder\\(|ROUTING_CONTEXT_KEY|DELAYED_MARKET|\\.counter\\(|\\.gauge\\(");
    /** Families too broad to accept as a prefix: their members are enumerated instead (vendors above). */
    static final Set<String> ENUMERATED_FAMILIES = Set.of("mde.provider.");
    /** Environment variables read by the container image, not by the engine's configuration. */
    static final Map<String, String> IMAGE_VARIABLES = Map.of("JAVA_OPTS_APPEND",
            "JVM options, read by the image's run-java.sh (docker/*/Dockerfile.jvm)");

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern LITERAL = Pattern.compile("\"(mde\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.?)\"");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(mde\\.[a-z0-9.-]+)[:}]");

    /** Property name patterns (a {@code *} segment is any map key) and where each was found. */
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<Pattern> environment = new ArrayList<>();
    /** The mappings' prefixes ({@code mde.audit}): a literal equal to one names a group, not a setting. */
    private final Set<String> prefixes = new TreeSet<>();

    private ConfigCatalogue() {
    }

    static ConfigCatalogue load() {
        ConfigCatalogue c = new ConfigCatalogue();
        c.mappings();
        c.literals();
        c.vendors();
        c.quarkus();
        c.properties.keySet().removeAll(c.prefixes);
        for (String p : c.properties.keySet()) {
            c.environment.add(envPattern(p));
        }
        return c;
    }

    /** Whether {@code variable} (an environment variable a manifest sets) is a setting the engine reads. */
    boolean reads(String variable) {
        return IMAGE_VARIABLES.containsKey(variable) || environment.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    /** The engine's own settings ({@code mde.*}), sorted: for docs/configuration.md. */
    Set<String> engineProperties() {
        Set<String> out = new TreeSet<>();
        for (String p : properties.keySet()) {
            if (p.startsWith("mde.")) {
                out.add(p);
            }
        }
        return out;
    }

    Optional<String> source(String property) {
        return Optional.ofNullable(properties.get(property));
    }

    private void add(String property, String source) {
        properties.putIfAbsent(property, source);
    }

    private void mappings() {
        for (String dir : SOURCES) {
            for (Path f : Repo.files(dir, ".java")) {
                String text = read(f);
                Matcher m = MAPPING.matcher(text);
                if (!m.find()) {
                    continue;
                }
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    throw new IllegalStateException("no package in " + f);
                }
                prefixes.add(m.group(1));
                String name = pkg.group(1) + "." + f.getFileName().toString().replace(".java", "");
                try {
                    Class<?> type = Class.forName(name);
                    for (String p : ConfigMappings.getProperties(new ConfigMappings.ConfigClass(type, m.group(1))).keySet()) {
                        // a list's indexed form (cors-origins[0]) is the same setting as its comma-separated one
                        if (!p.endsWith("[*]")) {
                            add(p, name);
                        }
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("@ConfigMapping " + name + " is not on ops-tests' class path", e);
                }
            }
        }
    }

    /** Metric names of docs/metrics.md as Micrometer spells them ({@code mde_cache_requests_total} -> {@code mde.cache.requests}). */
    static Set<String> metricNames() {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `(mde_[a-z0-9_]+)`", Pattern.MULTILINE).matcher(Repo.read("docs/metrics.md"));
        while (m.find()) {
            out.add(m.group(1).replaceFirst("_(seconds|total|bytes|ratio|usd)$", "").replace('_', '.'));
        }
        return out;
    }

    private void literals() {
        Set<String> metrics = metricNames();
        for (String dir : SOURCES) {
            for (Path f : Repo.files(dir, ".java")) {
                for (String line : read(f).split("\n")) {
                    String code = line.strip();
                    if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*") || NOT_A_SETTING.matcher(code).find()) {
                        continue; // a name in a comment is documentation, not a read; a metric's name is not a setting
                    }
                    Matcher m = LITERAL.matcher(code);
                    while (m.find()) {
                        String name = m.group(1);
                        if (metrics.contains(name.replace('-', '.'))) {
                            continue;
                        }
                        if (name.endsWith(".")) {
                            if (!ENUMERATED_FAMILIES.contains(name)) {
                                add(name + "*", f.getFileName().toString());
                            }
                        } else {
                            add(name, f.getFileName().toString());
                        }
                    }
                }
            }
            for (Path f : Repo.files(dir, ".properties")) {
                Matcher m = EXPRESSION.matcher(read(f));
                while (m.find()) {
                    add(m.group(1), f.getFileName().toString());
                }
            }
        }
    }

    private void vendors() {
        Set<String> ids = new TreeSet<>(VendorProviders.KNOWN.keySet());
        for (String id : ids) {
            List<String> settings = new ArrayList<>(VENDOR_SETTINGS);
            settings.addAll(VENDOR_EXTRAS.getOrDefault(id, List.of()));
            for (String s : settings) {
                add("mde.provider." + id + "." + s, "VendorConfig");
            }
        }
    }

    /** Quarkus properties of the extensions on the class path, named clients expanded to the engine's names. */
    private void quarkus() {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> named = Map.of(
                "quarkus.redis.\"redis-client-name\".", List.of(RedisClients.CACHE, RedisClients.RATE_LIMITS, RedisClients.STREAM),
                "quarkus.datasource.\"datasource-name\".", List.of(PgPools.CACHE, PgPools.AUTH, PgPools.AUDIT));
        try {
            Enumeration<URL> models = ConfigCatalogue.class.getClassLoader().getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
            for (URL u : Collections.list(models)) {
                JsonNode root;
                try (InputStream in = u.openStream()) {
                    root = json.readTree(in);
                }
                List<JsonNode> items = new ArrayList<>();
                root.findParents("path").forEach(items::add);
                for (JsonNode item : items) {
                    String property = item.path("path").path("property").asText("");
                    if (property.isEmpty()) {
                        continue;
                    }
                    boolean clientScoped = property.startsWith("quarkus.redis.") || property.startsWith("quarkus.datasource.");
                    if (!clientScoped) {
                        add(quarkusPattern(property), "quarkus " + u);
                    }
                    for (JsonNode extra : item.path("additionalPaths")) {
                        String p = extra.path("property").asText("");
                        for (var e : named.entrySet()) {
                            if (p.startsWith(e.getKey())) {
                                for (String client : e.getValue()) {
                                    add(quarkusPattern(p.replace(e.getKey(), e.getKey().substring(0, e.getKey().indexOf('"')) + client + ".")),
                                            "quarkus named client");
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code quarkus.log.category."category".level} -> {@code quarkus.log.category.*.level}. */
    private static String quarkusPattern(String property) {
        return property.replaceAll("\"[^\"]*\"", "*");
    }

    private static Pattern envPattern(String property) {
        StringBuilder b = new StringBuilder();
        for (String part : property.split("\\*", -1)) {
            if (b.length() > 0 || property.startsWith("*")) {
                b.append("[A-Z0-9_]+");
            }
            b.append(Pattern.quote(Settings.environmentName(part)));
        }
        return Pattern.compile(b.toString());
    }

    private static String read(Path f) {
        try {
            return java.nio.file.Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
