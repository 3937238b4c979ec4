package com.tradesense.marketdata.access;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The plans a key pays for, the roles it may hold and the entitlements that can be granted on top of a
 * plan. A token's {@code groups} claim carries roles and granted entitlements together.
 */
public final class Plans {
    public static final String FREE = "free";
    public static final String PRO = "pro";
    public static final String ENTERPRISE = "enterprise";
    public static final Set<String> ALL = Set.of(FREE, PRO, ENTERPRISE);

    /** Role for cache invalidation, provider configuration and API-key administration. */
    public static final String ADMIN = "admin";
    /** Entitlement: real-time Casablanca Stock Exchange data (enterprise has it; pro only when granted on the key). */
    public static final String REALTIME_CSE = "realtime-cse";
    /** What may appear in a key's roles. */
    public static final Set<String> GRANTABLE = Set.of(ADMIN, REALTIME_CSE);

    private Plans() {
    }

    /** The canonical plan name, if {@code raw} names one (case-insensitive). */
    public static Optional<String> find(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String p = raw.trim().toLowerCase(Locale.ROOT);
        return ALL.contains(p) ? Optional.of(p) : Optional.empty();
    }

    /** Rank for "at least pro" checks: free 0, pro 1, enterprise 2 (an unknown plan counts as free). */
    static int rank(String plan) {
        return switch (plan) {
            case PRO -> 1;
            case ENTERPRISE -> 2;
            default -> 0;
        };
    }
}
