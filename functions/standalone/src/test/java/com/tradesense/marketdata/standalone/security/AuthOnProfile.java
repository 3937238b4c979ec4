package com.tradesense.marketdata.standalone.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Security on (the test configuration turns it off for the other tests), with known demo and admin keys. */
public class AuthOnProfile implements QuarkusTestProfile {
    static final String DEMO_KEY = "test-demo-key-" + Long.toHexString(System.nanoTime());
    static final String ADMIN_KEY = "test-admin-key-" + Long.toHexString(System.nanoTime());

    @Override
    public Map<String, String> getConfigOverrides() {
        // the forged-token corpus sends hundreds of bad tokens from one address: FailedAuthLimitTest checks the limit
        return Map.of("mde.auth.enabled", "true", "mde.auth.demo-key", DEMO_KEY, "mde.auth.admin-key", ADMIN_KEY,
                "mde.auth.print-admin-key", "false", "mde.auth.failed-auth-limit", "100000/1m");
    }
}
