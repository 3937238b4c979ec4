package com.tradesense.marketdata.access;

import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.stream.Channel;

import java.time.Duration;

/**
 * Who gets what, the same on REST and on the stream.
 * <ul>
 *   <li>free: daily and longer bars, intraday bars delayed by 15 minutes; no tick history, no real-time
 *       stream (level1/trades/level2 subscriptions are refused: no genuinely delayed stream is offered).</li>
 *   <li>pro: real time and tick history, level 2; Casablanca (CSE) real time only with the
 *       {@code realtime-cse} entitlement on the key, else CSE intraday and ticks come delayed on REST and
 *       CSE level1/level2/trades subscriptions are refused.</li>
 *   <li>enterprise: everything, Casablanca real time included.</li>
 *   <li>admin role: administration endpoints (independent of the plan).</li>
 * </ul>
 * News, status, reference data and fundamentals are open to every plan.
 */
public final class AccessPolicy {
    /** How far behind real time the delayed plans are served. */
    public static final Duration DELAY = Duration.ofMinutes(15);
    static final String REAL_TIME = "real-time";
    static final String REAL_TIME_CSE = "real-time CSE (" + Plans.REALTIME_CSE + ")";
    static final String LEVEL2 = "level2 (pro plan)";
    static final String TICKS = "tick history (pro plan)";
    static final String ADMIN = "admin role";

    private AccessPolicy() {
    }

    /** Intraday bars of a listing on {@code market}. */
    public static AccessDecision intraday(ClientIdentity who, Market market) {
        return realTime(who, market) ? AccessDecision.ALLOWED : AccessDecision.DELAYED;
    }

    /** Tick (trade) history of a listing on {@code market}: pro and above, delayed where real time is not held. */
    public static AccessDecision ticks(ClientIdentity who, Market market) {
        if (Plans.rank(who.plan()) < 1) {
            return AccessDecision.denied(TICKS);
        }
        return realTime(who, market) ? AccessDecision.ALLOWED : AccessDecision.DELAYED;
    }

    /** A stream subscription on {@code channel} for a listing of {@code market} (null for a market-wide one). */
    public static AccessDecision stream(ClientIdentity who, Channel channel, Market market) {
        if (channel == Channel.NEWS || channel == Channel.STATUS) {
            return AccessDecision.ALLOWED;
        }
        if (channel == Channel.LEVEL2 && Plans.rank(who.plan()) < 1) {
            return AccessDecision.denied(LEVEL2);
        }
        if (Plans.rank(who.plan()) < 1) {
            return AccessDecision.denied(REAL_TIME);
        }
        if (market == Market.CSE && !cseRealTime(who)) {
            return AccessDecision.denied(REAL_TIME_CSE);
        }
        return AccessDecision.ALLOWED;
    }

    /** Cache invalidation, provider configuration, API keys. */
    public static AccessDecision admin(ClientIdentity who) {
        return who.hasRole(Plans.ADMIN) ? AccessDecision.ALLOWED : AccessDecision.denied(ADMIN);
    }

    private static boolean realTime(ClientIdentity who, Market market) {
        if (Plans.rank(who.plan()) < 1) {
            return false;
        }
        return market != Market.CSE || cseRealTime(who);
    }

    private static boolean cseRealTime(ClientIdentity who) {
        return Plans.ENTERPRISE.equals(who.plan()) || who.hasRole(Plans.REALTIME_CSE);
    }
}
