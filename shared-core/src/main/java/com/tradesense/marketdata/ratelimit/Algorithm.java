package com.tradesense.marketdata.ratelimit;

/**
 * How one window of a {@link Quota} counts. All four admit at most {@code permits} per {@code period}
 * on average; they differ in what they allow inside the period.
 */
public enum Algorithm {
    /**
     * Token bucket: holds up to {@code burst} tokens, refilled continuously at {@code permits/period}.
     * Lets an idle client spend a burst at once, then holds it to the rate. Any window of length
     * {@code w} admits at most {@code burst + permits * w / period}.
     */
    TOKEN_BUCKET("token-bucket"),
    /**
     * Sliding log: remembers the time of every admitted permit of the last {@code period}, and admits
     * only while fewer than {@code permits} are in it. Exact: no window of length {@code period},
     * wherever it starts, ever holds more than {@code permits}. Chosen over the two-window weighted
     * approximation (which assumes the previous window's requests were evenly spread, so it can
     * overshoot a vendor's hard limit) because vendor quotas punish a single extra call; memory is one
     * long per permit of the limit, fine for the per-second to per-hour limits it is used for.
     */
    SLIDING_LOG("sliding"),
    /**
     * Generic cell rate algorithm, the leaky bucket as a meter: one timestamp per key (the theoretical
     * arrival time). Admits the same sequences as a token bucket of the same rate and burst, but its
     * state is a single number (cheap in Redis) and its natural reading is smooth shaping: with
     * {@code burst} 1 requests are spaced at least {@code period/permits} apart.
     */
    GCRA("gcra"),
    /**
     * Fixed calendar day: a counter reset at midnight in the window's time zone, as vendors count
     * daily quotas ({@code 500/1d@America/New_York}).
     */
    CALENDAR_DAY("day");

    private final String wireName;

    Algorithm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Algorithm parse(String s) {
        for (Algorithm a : values()) {
            if (a.wireName.equalsIgnoreCase(s) || a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown rate-limit algorithm '" + s
                + "': use token-bucket, sliding, gcra or day");
    }
}
