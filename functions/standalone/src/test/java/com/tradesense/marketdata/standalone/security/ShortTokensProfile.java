package com.tradesense.marketdata.standalone.security;

import java.util.HashMap;
import java.util.Map;

/** Security on with access tokens of a few seconds, so that expiry on a live stream can be watched. */
public class ShortTokensProfile extends AuthOnProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>(super.getConfigOverrides());
        m.put("mde.auth.access-token-ttl", "6s");
        m.put("mde.auth.ws-expiry-warning", "3s");
        m.put("mde.auth.ws-auth-timeout", "2s");
        return m;
    }
}
