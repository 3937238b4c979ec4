package com.tradesense.marketdata.ops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every manifest under k8s/ parses into the fabric8 Kubernetes and Knative models (typed, with no
 * unknown field), kustomizations point at files that exist, the Knative autoscaling follows the issue,
 * the ingress routes as API.md says, policies and budgets select real pods, and yamllint is clean.
 */
class K8sManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    /** Custom resources of operators whose models are not on the classpath: checked as generic objects. */
    private static final Set<String> GENERIC_KINDS = Set.of("monitoring.coreos.com/v1/PrometheusRule",
            "monitoring.coreos.com/v1/PodMonitor", "external-secrets.io/v1beta1/ExternalSecret",
            "kustomize.config.k8s.io/v1beta1/Kustomization", "kustomize.config.k8s.io/v1alpha1/Component");

    record Doc(Path file, JsonNode tree, KubernetesResource object) {
        String kind() {
            return tree.path("kind").asText();
        }

        String name() {
            return tree.path("metadata").path("name").asText();
        }

        boolean isPatch() {
            return file.toString().contains("/overlays/") && !file.getFileName().toString().equals("kustomization.yaml")
                    && !file.getFileName().toString().startsWith("managed-") && !file.getFileName().toString().startsWith("external-");
        }
    }

    static List<Doc> docs() throws Exception {
        List<Doc> docs = new ArrayList<>();
        for (Path f : Repo.files("k8s", ".yaml")) {
            JsonParser parser = YAML.getFactory().createParser(f.toFile());
            try (MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
                while (it.hasNext()) {
                    JsonNode tree = it.next();
                    if (tree == null || tree.isNull() || tree.isEmpty() || tree.isArray()) {
                        // an array is a JSON 6902 patch (overlays/prod/rds-ca-mount.yaml): K8sRenderTest checks its result
                        continue;
                    }
                    KubernetesResource object = K8S.unmarshal(YAML.writeValueAsString(tree), KubernetesResource.class);
                    docs.add(new Doc(f, tree, object));
                }
            }
        }
        return docs;
    }

    static List<Doc> under(List<Doc> docs, String... dirs) {
        List<Doc> out = new ArrayList<>();
        for (Doc d : docs) {
            for (String dir : dirs) {
                if (d.file().startsWith(Repo.path(dir))) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    @Test
    void everyManifestParsesIntoATypedModelWithNoUnknownField() throws Exception {
        List<Doc> docs = docs();
        assertThat(docs).hasSizeGreaterThan(25);
        for (Doc d : docs) {
            String gvk = d.tree().path("apiVersion").asText() + "/" + d.kind();
            assertThat(d.tree().path("apiVersion").asText()).as("apiVersion in %s", d.file()).isNotBlank();
            assertThat(d.kind()).as("kind in %s", d.file()).isNotBlank();
            assertThat(d.object()).as("%s in %s", gvk, d.file()).isNotNull();
            if (GENERIC_KINDS.contains(gvk)) {
                assertThat(d.object()).isInstanceOf(GenericKubernetesResource.class);
                continue;
            }
            assertThat(d.object()).as("%s in %s parses into its typed model", gvk, d.file())
                    .isNotInstanceOf(GenericKubernetesResource.class).isInstanceOf(HasMetadata.class);
            List<String> unknown = new ArrayList<>();
            unknownFields(d.object(), gvk, unknown, new IdentityHashMap<>());
            if (d.isPatch()) {
                unknown.removeIf(u -> u.endsWith(".$patch"));
            }
            assertThat(unknown).as("fields the model does not know in %s (%s)", d.file(), d.name()).isEmpty();
        }
        assertThat(docs).filteredOn(d -> d.kind().equals("Service") && d.tree().path("apiVersion").asText().startsWith("serving.knative.dev"))
                .allSatisfy(d -> assertThat(d.object()).isInstanceOf(Service.class));
    }

    /** Collects paths of values fabric8 kept in additionalProperties: fields its model does not have. */
    private static void unknownFields(Object o, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            return; // labels, annotations, data: free-form
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || g.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = g.getName();
            if (!n.startsWith("get") || n.equals("getClass")) {
                continue;
            }
            try {
                Object v = g.invoke(o);
                if (n.equals("getAdditionalProperties")) {
                    if (v instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(k -> out.add(path + "." + k));
                    }
                } else {
                    unknownFields(v, path + "." + n.substring(3), out, seen);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // getters that compute (e.g. getPlural) may refuse: not data
            }
        }
    }

    @Test
    void kustomizationsReferenceFilesThatExist() throws Exception {
        List<Doc> kustomizations = docs().stream().filter(d -> d.tree().path("apiVersion").asText().startsWith("kustomize.config.k8s.io")).toList();
        assertThat(kustomizations).extracting(d -> Repo.ROOT.relativize(d.file()).toString())
                .contains("k8s/base/kustomization.yaml", "k8s/overlays/dev/kustomization.yaml",
                        "k8s/overlays/prod/kustomization.yaml", "k8s/stores/kustomization.yaml", "k8s/monitoring/kustomization.yaml");
        for (Doc k : kustomizations) {
            Path dir = k.file().getParent();
            for (String field : List.of("resources", "components")) {
                for (JsonNode r : k.tree().path(field)) {
                    Path p = dir.resolve(r.asText()).normalize();
                    assertThat(Files.isRegularFile(p) || Files.isRegularFile(p.resolve("kustomization.yaml")))
                            .as("%s of %s: %s", field, k.file(), r.asText()).isTrue();
                }
            }
            for (JsonNode patch : k.tree().path("patches")) {
                if (patch.has("path")) {
                    assertThat(dir.resolve(patch.path("path").asText())).as("patch of %s", k.file()).isRegularFile();
                }
            }
            for (JsonNode gen : k.tree().path("configMapGenerator")) {
                for (JsonNode f : gen.path("files")) {
                    assertThat(dir.resolve(f.asText())).isRegularFile();
                }
            }
        }
    }

    @Test
    void knativeServicesScaleAsTheIssueSays() throws Exception {
        List<Doc> docs = docs();
        Map<String, Service> base = new TreeMap<>();
        for (Doc d : under(docs, "k8s/base")) {
            if (d.object() instanceof Service s) {
                base.put(s.getMetadata().getName(), s);
            }
        }
        assertThat(base).containsOnlyKeys("mde-historical", "mde-status", "mde-realtime");
        for (Service s : base.values()) {
            Map<String, String> a = s.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(a).containsEntry("autoscaling.knative.dev/metric", "concurrency")
                    .containsKey("autoscaling.knative.dev/target").containsKey("autoscaling.knative.dev/max-scale");
            var c = s.getSpec().getTemplate().getSpec().getContainers();
            assertThat(c).hasSize(1);
            assertThat(c.get(0).getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
            assertThat(c.get(0).getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.get(0).getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.get(0).getEnvFrom()).extracting(e -> e.getConfigMapRef() != null ? e.getConfigMapRef().getName() : e.getSecretRef().getName())
                    .containsExactly("mde-config", "mde-secrets");
            assertThat(s.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "function");
            // every function verifies every other's tokens: one shared key folder; the audit journal on a volume
            // (the root filesystem is read-only)
            assertThat(c.get(0).getVolumeMounts()).extracting(m -> m.getName() + "@" + m.getMountPath())
                    .contains("signing-keys@/etc/mde/signing-keys", "audit-journal@/var/lib/mde/audit");
            assertThat(s.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo("signing-keys");
                assertThat(v.getSecret().getSecretName()).isEqualTo("mde-signing-keys");
            });
        }
        // historical and status may scale to zero; realtime keeps >= 2 warm pods for its long-lived sockets
        assertThat(minScale(base.get("mde-historical"))).isZero();
        assertThat(minScale(base.get("mde-status"))).isZero();
        assertThat(minScale(base.get("mde-realtime"))).isGreaterThanOrEqualTo(2);
        assertThat(base.get("mde-realtime").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autoscaling.knative.dev/target-burst-capacity", "0");
        for (Doc d : under(docs, "k8s/overlays")) {
            if (d.object() instanceof Service s && s.getMetadata().getName().equals("mde-realtime")) {
                String min = s.getSpec().getTemplate().getMetadata().getAnnotations().get("autoscaling.knative.dev/min-scale");
                if (min != null) {
                    assertThat(Integer.parseInt(min)).as("realtime min-scale in %s", d.file()).isGreaterThanOrEqualTo(2);
                }
            }
        }
    }

    private static int minScale(Service s) {
        return Integer.parseInt(s.getSpec().getTemplate().getMetadata().getAnnotations().get("autoscaling.knative.dev/min-scale"));
    }

    @Test
    void ingressRoutesThePathsToTheirFunctions() throws Exception {
        Map<String, String> routes = new TreeMap<>();
        for (Doc d : under(docs(), "k8s/base")) {
            if (d.object() instanceof Ingress in) {
                for (var rule : in.getSpec().getRules()) {
                    for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                        assertThat(p.getPathType()).isEqualTo("Prefix");
                        String backend = p.getBackend().getService().getName();
                        assertThat(in.getMetadata().getAnnotations())
                                .containsEntry("nginx.ingress.kubernetes.io/upstream-vhost", backend + ".mde.svc.cluster.local");
                        assertThat(routes.put(p.getPath(), backend)).as("path %s routed twice", p.getPath()).isNull();
                    }
                }
            }
        }
        assertThat(routes).isEqualTo(new TreeMap<>(Map.of(
                "/api/v1/market-data", "mde-historical",
                "/api/v1/economic-indicators", "mde-historical",
                "/api/v1/news", "mde-historical",
                "/api/v1/stream", "mde-realtime",
                "/", "mde-status")));
    }

    @Test
    void networkPoliciesAndDisruptionBudgetsSelectRealPods() throws Exception {
        List<Doc> docs = under(docs(), "k8s/base", "k8s/stores");
        List<Map<String, String>> podLabels = new ArrayList<>();
        for (Doc d : docs) {
            PodTemplateSpec t = null;
            if (d.object() instanceof StatefulSet s) {
                t = s.getSpec().getTemplate();
                assertThat(selects(s.getSpec().getSelector(), t.getMetadata().getLabels())).as("selector of %s", d.name()).isTrue();
            } else if (d.object() instanceof CronJob c) {
                t = c.getSpec().getJobTemplate().getSpec().getTemplate();
            }
            if (t != null) {
                podLabels.add(t.getMetadata().getLabels());
            }
            if (d.object() instanceof Service s) {
                podLabels.add(s.getSpec().getTemplate().getMetadata().getLabels());
            }
        }
        int policies = 0;
        int budgets = 0;
        for (Doc d : docs) {
            if (d.object() instanceof NetworkPolicy np) {
                policies++;
                LabelSelector sel = np.getSpec().getPodSelector();
                boolean all = (sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty()) && sel.getMatchExpressions().isEmpty();
                assertThat(all || podLabels.stream().anyMatch(l -> selects(sel, l))).as("policy %s selects pods", d.name()).isTrue();
                for (var rule : np.getSpec().getIngress()) {
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                            assertThat(podLabels.stream().anyMatch(l -> selects(peer.getPodSelector(), l)))
                                    .as("peer of policy %s selects pods", d.name()).isTrue();
                        }
                    }
                }
            } else if (d.object() instanceof PodDisruptionBudget pdb) {
                budgets++;
                assertThat(podLabels.stream().anyMatch(l -> selects(pdb.getSpec().getSelector(), l))).as("budget %s selects pods", d.name()).isTrue();
            }
        }
        assertThat(policies).isGreaterThanOrEqualTo(4);
        assertThat(budgets).isGreaterThanOrEqualTo(3);
    }

    private static boolean selects(LabelSelector sel, Map<String, String> labels) {
        if (labels == null) {
            return false;
        }
        if (sel.getMatchLabels() != null) {
            for (var e : sel.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (var ex : sel.getMatchExpressions()) {
            boolean in = ex.getValues().contains(labels.get(ex.getKey()));
            if (ex.getOperator().equals("In") != in) {
                return false;
            }
        }
        return true;
    }

    @Test
    void storesAndSecretsAreThere() throws Exception {
        List<Doc> docs = docs();
        assertThat(docs).filteredOn(d -> d.object() instanceof StatefulSet).extracting(Doc::name)
                .contains("mde-redis", "mde-postgres", "mde-infinispan");
        assertThat(docs).filteredOn(d -> d.kind().equals("Secret") && !d.isPatch()).extracting(Doc::name).contains("mde-secrets");
        assertThat(docs).filteredOn(d -> d.kind().equals("ConfigMap")).extracting(Doc::name).contains("mde-config");
        assertThat(docs).filteredOn(d -> d.kind().equals("ExternalSecret")).extracting(Doc::name).containsExactlyInAnyOrder("mde-secrets", "mde-signing-keys");
        StatefulSet pg = (StatefulSet) docs.stream().filter(d -> d.name().equals("mde-postgres") && d.object() instanceof StatefulSet)
                .findFirst().orElseThrow().object();
        assertThat(pg.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("archive_mode=on", "archive_timeout=300");
    }

    @Test
    void yamllintIsClean() throws Exception {
        String yamllint = findYamllint();
        Assumptions.assumeTrue(yamllint != null, "yamllint is not installed (scripts/test-env.sh installs it)");
        Process p = new ProcessBuilder(yamllint, "-f", "parsable", "-c", "k8s/.yamllint", "k8s")
                .directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            fail("yamllint k8s/:\n" + out);
        }
    }

    static String findYamllint() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "yamllint");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
