package com.tradesense.marketdata.access;

/**
 * The answer of {@link AccessPolicy}: serve in real time, serve delayed by {@link AccessPolicy#DELAY},
 * or refuse; a refusal names the missing entitlement in {@code reason} ("not entitled: level2 (pro plan)").
 */
public record AccessDecision(Verdict verdict, String reason) {
    public enum Verdict { ALLOWED, DELAYED, DENIED }

    static final AccessDecision ALLOWED = new AccessDecision(Verdict.ALLOWED, null);
    static final AccessDecision DELAYED = new AccessDecision(Verdict.DELAYED, null);

    static AccessDecision denied(String missing) {
        return new AccessDecision(Verdict.DENIED, "not entitled: " + missing);
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }

    public boolean delayed() {
        return verdict == Verdict.DELAYED;
    }

    public boolean denied() {
        return verdict == Verdict.DENIED;
    }
}
