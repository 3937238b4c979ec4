package com.tradesense.marketdata.rest.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What each function needs configured in a shared deployment: the one table that start-up enforces
 * ({@link DeploymentCheck}) and that the Kubernetes manifests are checked against (ops-tests render them and assert
 * that each function's environment meets every requirement for its {@code MDE_DEPLOYMENT}).
 */
public final class DeploymentRequirements {
    /** The functions, as {@code quarkus.application.name} names them without the {@code mde-} prefix. */
    public static final Set<String> FUNCTIONS = Set.of("historical", "realtime", "status");

    /**
     * One requirement: {@code property} must be set (to {@code value}, when not null, else to anything; with
     * {@code unset}, must not be set), where {@code applies} says so; {@code alternatives} satisfy it too.
     * {@code dflt} is what the engine uses when the property is unset (null: nothing).
     */
    public record Requirement(String property, List<String> alternatives, String value, String dflt, boolean unset, Deployment from,
                              Set<String> functions, Function<Lookup, Boolean> applies, String why) {
        /** The environment variable of the property (MicroProfile Config's mapping). */
        public String variable() {
            return variable(property);
        }

        static String variable(String property) {
            return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }

        /** What is wrong with {@code config}, or empty when it meets this requirement. */
        public Optional<String> violation(Lookup config) {
            if (!applies.apply(config)) {
                return Optional.empty();
            }
            if (unset) {
                return config.get(property).map(v -> property + " (" + variable() + ") must not be set: " + why);
            }
            List<String> names = new ArrayList<>();
            names.add(property);
            names.addAll(alternatives);
            for (String n : names) {
                Optional<String> v = config.get(n).or(() -> n.equals(property) ? Optional.ofNullable(dflt) : Optional.empty());
                if (v.isPresent() && (value == null || value.equalsIgnoreCase(v.get()))) {
                    return Optional.empty();
                }
            }
            String which = String.join(" or ", names.stream().map(n -> n + " (" + variable(n) + ")").toList());
            return Optional.of((value == null ? which + " must be set" : which + " must be " + value) + ": " + why);
        }
    }

    /** A setting by property name, trimmed, blank counting as unset. */
    @FunctionalInterface
    public interface Lookup {
        Optional<String> get(String property);

        default boolean isTrue(String property, boolean dflt) {
            return get(property).map(v -> v.equalsIgnoreCase("true")).orElse(dflt);
        }
    }

    private static final Set<String> ALL = FUNCTIONS;
    private static final Set<String> REALTIME = Set.of("realtime");

    private static final List<Requirement> TABLE = List.of(
            new Requirement("mde.auth.signing-keys-dir", List.of(), null, null, false, Deployment.SERVICES, ALL,
                    c -> c.isTrue("mde.auth.enabled", true),
                    "every process must verify the tokens the others issue (a shared folder of PEM keys)"),
            new Requirement("mde.auth.pg-url", List.of("mde.cache.pg-url"), null, null, false, Deployment.SERVICES, ALL,
                    c -> c.isTrue("mde.auth.enabled", true),
                    "API keys and refresh tokens kept in one process's memory are unknown to the others"),
            new Requirement("mde.audit.pg-url", List.of("mde.cache.pg-url"), null, null, false, Deployment.SERVICES, ALL,
                    c -> c.isTrue("mde.audit.enabled", true),
                    "a pod's journal alone goes with the pod; the trail is PostgreSQL's"),
            new Requirement("mde.ratelimit.redis-url", List.of(), null, null, false, Deployment.SERVICES, ALL,
                    c -> c.isTrue("mde.ratelimit.enabled", true),
                    "counters in each process's memory multiply every limit by the number of pods"),
            new Requirement("mde.stream.bus", List.of(), "redis", "local", false, Deployment.SERVICES, REALTIME, c -> true,
                    "with the in-process bus every realtime pod runs an upstream of its own and numbers frames its own way"),
            new Requirement("mde.stream.redis-url", List.of(), null, null, false, Deployment.SERVICES, REALTIME, c -> true,
                    "the stream bus's Redis"),
            new Requirement("mde.auth.enabled", List.of(), "true", "true", false, Deployment.PRODUCTION, ALL, c -> true,
                    "production serves no unauthenticated data"),
            new Requirement("mde.simulator.mode", List.of(), "off", "auto", false, Deployment.PRODUCTION, ALL, c -> true,
                    "production never serves simulated history"),
            new Requirement("mde.stream.simulator.enabled", List.of(), "false", "true", false, Deployment.PRODUCTION, REALTIME, c -> true,
                    "production never streams simulated frames"),
            new Requirement("mde.auth.demo-key", List.of(), null, null, true, Deployment.PRODUCTION, ALL, c -> true,
                    "the demo key is public"));

    private DeploymentRequirements() {
    }

    /** The requirements of {@code function} ({@code historical}, {@code realtime}, {@code status}) under {@code deployment}. */
    public static List<Requirement> of(Deployment deployment, String function) {
        return TABLE.stream().filter(r -> deployment.ordinal() >= r.from().ordinal() && r.functions().contains(function)).toList();
    }

    /** What {@code config} lacks for {@code functions} under {@code deployment}: empty when it is complete. */
    public static List<String> violations(Deployment deployment, Set<String> functions, Lookup config) {
        List<String> out = new ArrayList<>();
        for (Requirement r : TABLE) {
            if (deployment.ordinal() >= r.from().ordinal() && r.functions().stream().anyMatch(functions::contains)) {
                r.violation(config).filter(v -> !out.contains(v)).ifPresent(out::add);
            }
        }
        return out;
    }
}
