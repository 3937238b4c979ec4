package com.tradesense.marketdata.rest.deployment;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start a process of a shared deployment ({@code mde.deployment=services|production}) that lacks a store
 * or setting {@link DeploymentRequirements} names for its function, with one error listing every one by property and
 * environment variable: never a silent fallback to process-local state.
 */
@ApplicationScoped
public class DeploymentCheck {
    private static final Logger LOG = Logger.getLogger(DeploymentCheck.class);

    private final Config config;

    public DeploymentCheck(Config config) {
        this.config = config;
    }

    /** Before the stores and the stream start (priority 1: first of the start-up observers). */
    void check(@Observes @Priority(1) StartupEvent event) {
        Deployment deployment = deployment();
        if (!deployment.shared()) {
            return;
        }
        Set<String> functions = functions();
        List<String> missing = DeploymentRequirements.violations(deployment, functions,
                p -> config.getOptionalValue(p, String.class).map(String::trim).filter(s -> !s.isEmpty()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("mde.deployment=" + deployment.name().toLowerCase(Locale.ROOT) + " ("
                    + String.join(", ", functions) + ") is not configured completely:\n  - " + String.join("\n  - ", missing));
        }
        LOG.infof("deployment: %s, %s: every shared store is configured", deployment.name().toLowerCase(Locale.ROOT), functions);
    }

    Deployment deployment() {
        Optional<String> v = config.getOptionalValue("mde.deployment", String.class).map(String::trim).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return Deployment.STANDALONE;
        }
        try {
            return Deployment.valueOf(v.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mde.deployment (MDE_DEPLOYMENT) must be standalone, services or production, not '" + v.get() + "'");
        }
    }

    /** This process's functions, from {@code quarkus.application.name} ({@code mde-standalone}: all three). */
    Set<String> functions() {
        String name = config.getOptionalValue("quarkus.application.name", String.class).orElse("mde-standalone")
                .replaceFirst("^mde-", "");
        return DeploymentRequirements.FUNCTIONS.contains(name) ? Set.of(name) : DeploymentRequirements.FUNCTIONS;
    }
}
