package com.tradesense.marketdata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.tradesense.marketdata.config.Settings;
import com.tradesense.marketdata.rest.deployment.Deployment;
import com.tradesense.marketdata.rest.deployment.DeploymentRequirements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlays as deployed: each is rendered with kustomize (kubectl's, or a kustomize binary), and every function's
 * environment (its ConfigMap, Secret or ExternalSecret keys, and {@code env}) is held against the engine: every key
 * must be a setting the engine reads ({@link ConfigCatalogue}), and every setting its {@code MDE_DEPLOYMENT} requires
 * ({@link DeploymentRequirements}, what start-up enforces) must be there. Plus what the pods need to run as rendered:
 * a writable /tmp under a read-only root, the files settings point at mounted, the socket timeout allowed by Knative.
 */
class K8sRenderTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static ConfigCatalogue catalogue;

    @BeforeAll
    static void catalogue() {
        catalogue = ConfigCatalogue.load();
    }

    /** A function's container as rendered, and the environment it gets. */
    record Function(String name, JsonNode service, JsonNode container, Map<String, String> env) {
    }

    @Test
    void theCatalogueKnowsTheEngineAndNothingElse() {
        assertThat(catalogue.reads("MDE_CACHE_REDIS_URL")).isTrue();
        assertThat(catalogue.reads("MDE_REDIS_CLIENT_TYPE")).isTrue();
        assertThat(catalogue.reads("MDE_PG_SSL_MODE")).isTrue();
        assertThat(catalogue.reads("MDE_CACHE_INFINISPAN_PASSWORD")).isTrue();
        assertThat(catalogue.reads("MDE_PROVIDER_POLYGON_API_KEY")).isTrue();
        assertThat(catalogue.reads("MDE_PROVIDER_FINNHUB_STREAM_ENABLED")).isTrue();
        assertThat(catalogue.reads("MDE_PROVIDER_COST_SIMULATOR_USD_PER_CALL")).isTrue();
        assertThat(catalogue.reads("MDE_DEPLOYMENT")).isTrue();
        assertThat(catalogue.reads("QUARKUS_LOG_CONSOLE_JSON_ENABLED")).isTrue();
        assertThat(catalogue.reads("QUARKUS_REDIS_CACHE_CLIENT_TYPE")).isTrue();
        assertThat(catalogue.reads("QUARKUS_DATASOURCE_AUDIT_REACTIVE_MAX_SIZE")).isTrue();
        // what the manifests set before: read by nothing
        assertThat(catalogue.reads("QUARKUS_REDIS_HOSTS")).isFalse();
        assertThat(catalogue.reads("QUARKUS_REDIS_CLIENT_TYPE")).isFalse();
        assertThat(catalogue.reads("QUARKUS_DATASOURCE_REACTIVE_URL")).isFalse();
        assertThat(catalogue.reads("QUARKUS_DATASOURCE_JDBC_URL")).isFalse();
        assertThat(catalogue.reads("QUARKUS_INFINISPAN_CLIENT_HOSTS")).isFalse();
        assertThat(catalogue.reads("MDE_PROVIDER_NOPE_API_KEY")).isFalse();
        assertThat(catalogue.reads("MDE_CACHE_REDIS_URI")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKeyAFunctionGetsIsReadByTheEngine(String overlay) throws Exception {
        for (Function f : functions(render(overlay))) {
            for (String key : f.env().keySet()) {
                assertThat(catalogue.reads(key)).as("%s: %s sets %s, which the engine does not read", overlay, f.name(), key).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyFunctionHasWhatItsDeploymentRequires(String overlay) throws Exception {
        List<Function> functions = functions(render(overlay));
        assertThat(functions).extracting(Function::name).containsExactlyInAnyOrder("historical", "realtime", "status");
        for (Function f : functions) {
            Deployment d = Deployment.valueOf(f.env().getOrDefault("MDE_DEPLOYMENT", "standalone").toUpperCase(Locale.ROOT));
            assertThat(d.shared()).as("%s: %s is deployed as standalone", overlay, f.name()).isTrue();
            List<String> missing = DeploymentRequirements.violations(d, Set.of(f.name()),
                    p -> Optional.ofNullable(f.env().get(Settings.environmentName(p))).map(String::trim).filter(s -> !s.isEmpty()));
            assertThat(missing).as("%s: %s (%s)", overlay, f.name(), d).isEmpty();
        }
        if (overlay.equals("prod")) {
            assertThat(functions).allSatisfy(f -> assertThat(f.env()).containsEntry("MDE_DEPLOYMENT", "production"));
        }
    }

    @Test
    void prodReachesTheManagedStoresAsTheyAreBuilt() throws Exception {
        for (Function f : functions(render("prod"))) {
            Map<String, String> env = f.env();
            // ElastiCache: cluster mode, in-transit encryption, AUTH token (terraform/elasticache.tf)
            assertThat(env.get("MDE_REDIS_CLIENT_TYPE")).isEqualTo("cluster");
            for (String k : List.of("MDE_CACHE_REDIS_URL", "MDE_RATELIMIT_REDIS_URL", "MDE_STREAM_REDIS_URL")) {
                assertThat(env.get(k)).as(f.name() + " " + k).startsWith("rediss://").contains(".cache.amazonaws.com");
            }
            assertThat(env).containsKey("MDE_REDIS_PASSWORD");
            assertThat(env).as("Redis TLS trust named, not left to client defaults").containsKey("MDE_REDIS_TLS_CA_FILE");
            // RDS with rds.force_ssl (terraform/rds.tf): verified TLS, the CA bundle mounted where the setting points
            assertThat(env.get("MDE_PG_SSL_MODE")).isEqualTo("verify-full");
            assertThat(env.get("MDE_CACHE_PG_URL")).contains(".rds.amazonaws.com");
            assertThat(env).containsKeys("MDE_PG_USERNAME", "MDE_PG_PASSWORD", "MDE_CACHE_INFINISPAN_USERNAME", "MDE_CACHE_INFINISPAN_PASSWORD");
            assertThat(f.container().path("image").asText()).as(f.name() + " image").contains(".dkr.ecr.");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsCanRunAsRendered(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        int maxTimeout = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                        && d.path("metadata").path("name").asText().equals("config-defaults"))
                .map(d -> d.path("data").path("max-revision-timeout-seconds").asInt(600)).findFirst().orElse(600);
        for (Function f : functions(docs)) {
            int timeout = f.service().path("spec").path("template").path("spec").path("timeoutSeconds").asInt(300);
            assertThat(timeout).as("%s: %s timeoutSeconds vs knative-serving max-revision-timeout-seconds", overlay, f.name())
                    .isLessThanOrEqualTo(maxTimeout);
            List<String> mounts = new ArrayList<>();
            f.container().path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
            if (f.container().path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
                assertThat(mounts).as("%s: %s has a read-only root: /tmp must be a volume", overlay, f.name()).contains("/tmp");
            }
            for (String k : List.of("MDE_AUTH_SIGNING_KEYS_DIR", "MDE_AUDIT_DIR", "MDE_PG_TLS_CA_FILE", "MDE_REDIS_TLS_CA_FILE")) {
                String path = f.env().get(k);
                // files the deployment provides (under /etc/mde, /var/lib/mde) must be mounted; others are the image's
                if (path != null && (path.startsWith("/etc/mde/") || path.startsWith("/var/lib/mde"))) {
                    assertThat(mounts).as("%s: %s %s=%s is on a mounted volume", overlay, f.name(), k, path)
                            .anyMatch(m -> path.equals(m) || path.startsWith(m.endsWith("/") ? m : m + "/"));
                }
            }
        }
    }

    /** The function containers of the rendered documents and their environments. */
    static List<Function> functions(List<JsonNode> docs) {
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (JsonNode d : docs) {
            String kind = d.path("kind").asText();
            String name = d.path("metadata").path("name").asText();
            if (kind.equals("ConfigMap")) {
                configMaps.put(name, strings(d.path("data")));
            } else if (kind.equals("Secret")) {
                Map<String, String> m = strings(d.path("stringData"));
                d.path("data").fieldNames().forEachRemaining(k -> m.put(k, "<secret>"));
                secrets.put(name, m);
            } else if (kind.equals("ExternalSecret")) {
                Map<String, String> m = new LinkedHashMap<>();
                d.path("spec").path("data").forEach(e -> m.put(e.path("secretKey").asText(), "<secret>"));
                secrets.put(d.path("spec").path("target").path("name").asText(name), m);
            }
        }
        List<Function> out = new ArrayList<>();
        for (JsonNode d : docs) {
            if (!d.path("kind").asText().equals("Service") || !d.path("apiVersion").asText().startsWith("serving.knative.dev/")) {
                continue;
            }
            String fn = d.path("metadata").path("name").asText().replaceFirst("^mde-", "");
            JsonNode container = d.path("spec").path("template").path("spec").path("containers").path(0);
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode from : container.path("envFrom")) {
                if (from.has("configMapRef")) {
                    String n = from.path("configMapRef").path("name").asText();
                    assertThat(configMaps).as(fn + " envFrom ConfigMap " + n).containsKey(n);
                    env.putAll(configMaps.get(n));
                }
                if (from.has("secretRef")) {
                    String n = from.path("secretRef").path("name").asText();
                    assertThat(secrets).as(fn + " envFrom Secret " + n + " (an ExternalSecret must name its keys)").containsKey(n);
                    env.putAll(secrets.get(n));
                }
            }
            for (JsonNode e : container.path("env")) {
                env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "<from>");
            }
            out.add(new Function(fn, d, container, env));
        }
        return out;
    }

    static Map<String, String> strings(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** {@code kustomize build k8s/overlays/<overlay>}, with kubectl's kustomize where there is no kustomize binary. */
    static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Path dir = Repo.path("k8s/overlays/" + overlay);
        List<String> command = onPath("kustomize") ? List.of("kustomize", "build", dir.toString())
                : onPath("kubectl") ? List.of("kubectl", "kustomize", dir.toString()) : null;
        assertThat(command).as("kustomize or kubectl (with its built-in kustomize) on the PATH to render k8s/overlays").isNotNull();
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", String.join(" ", command), err).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(out)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(d, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
