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
 * A store that is configured but wrongly stops the start with one error naming what to fix, whatever the deployment:
 * a Redis login refused (the TLS server of scripts/test-env-secure.sh with a wrong password), a Redis TLS handshake
 * that fails (its certificate not trusted by that client), PostgreSQL that takes only TLS asked without it. Never a
 * process that starts and quietly runs without its stores.
 */
@QuarkusMainTest
@TestProfile(MisconfiguredStoresTest.Wrong.class)
class MisconfiguredStoresTest {

    public static class Wrong implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String tls = Env.required("MDE_TEST_REDIS_TLS_URL");
            return Map.of(
                    "mde.cache.redis-url", tls.replaceFirst(":[^:@/]+@", ":not-the-password@"),
                    "mde.redis.tls.ca-file", Env.required("MDE_TEST_TLS_CA_FILE"),
                    // this one client trusts only the public CAs of the machine's bundle: the test CA's certificate fails
                    "mde.ratelimit.redis-url", tls,
                    "quarkus.redis.ratelimit.tls.trust-certificate-pem.certs", "/etc/ssl/certs/ca-certificates.crt",
                    "mde.cache.pg-url", Env.required("MDE_TEST_PG_TLS_URL"),
                    "mde.pg.username", Env.required("MDE_TEST_PG_TLS_USER"),
                    "mde.pg.password", Env.required("MDE_TEST_PG_TLS_PASSWORD"));
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpFailsNamingEachSettingToFix(LaunchResult result) {
        String out = result.getErrorOutput() + result.getOutput();
        assertThat(out).contains("stores misconfigured");
        assertThat(out).contains("Redis client 'cache' (mde.cache.redis-url): Redis refused the login")
                .contains("mde.redis.password");
        assertThat(out).contains("Redis client 'ratelimit' (mde.ratelimit.redis-url): TLS failed")
                .contains("mde.redis.tls.ca-file");
        assertThat(out).contains("PostgreSQL datasource 'cache' (mde.cache.pg-url): PostgreSQL refused the connection (pg_hba)")
                .contains("mde.pg.ssl-mode");
        assertThat(out).as("no secret in the error").doesNotContain(Env.required("MDE_TEST_PG_TLS_PASSWORD"));
    }
}
