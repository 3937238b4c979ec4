package com.tradesense.marketdata.historical.startup;

/** Settings of scripts/test-env.sh (and test-env-secure.sh) the start-up tests need. */
public final class Env {
    private Env() {
    }

    public static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests through scripts/test-all (or source scripts/test-env.sh),"
                    + " which starts the TLS, ACL and cluster stores");
        }
        return v;
    }
}
