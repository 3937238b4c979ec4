package com.tradesense.marketdata.standalone.security;

import java.util.HashMap;
import java.util.Map;

/** Security on with a small failed-authentication limit per address. */
public class FloodProfile extends AuthOnProfile {
    static final int FAILURES = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>(super.getConfigOverrides());
        m.put("mde.auth.failed-auth-limit", FAILURES + "/1m");
        return m;
    }
}
