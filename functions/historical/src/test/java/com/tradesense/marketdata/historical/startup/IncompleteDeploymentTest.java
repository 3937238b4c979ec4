package com.tradesense.marketdata.historical.startup;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mde.deployment=production} without its stores: the historical function refuses to start and lists every
 * missing setting by property and environment variable, instead of serving from process-local keys, counters and
 * simulated data.
 */
@QuarkusMainTest
@TestProfile(IncompleteDeploymentTest.Production.class)
class IncompleteDeploymentTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mde.deployment", "production", "mde.auth.enabled", "true");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpListsWhatProductionNeeds(LaunchResult result) {
        String out = result.getErrorOutput() + result.getOutput();
        assertThat(out).contains("mde.deployment=production (historical) is not configured completely");
        assertThat(out).contains("mde.auth.signing-keys-dir (MDE_AUTH_SIGNING_KEYS_DIR) must be set");
        assertThat(out).contains("mde.auth.pg-url (MDE_AUTH_PG_URL) or mde.cache.pg-url (MDE_CACHE_PG_URL) must be set");
        assertThat(out).contains("mde.ratelimit.redis-url (MDE_RATELIMIT_REDIS_URL) must be set");
        assertThat(out).contains("mde.simulator.mode (MDE_SIMULATOR_MODE) must be off");
        assertThat(out).as("realtime's own requirements are not the historical function's").doesNotContain("mde.stream.bus");
    }
}
