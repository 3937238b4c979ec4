package com.tradesense.marketdata.ratelimit;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One window of a quota: {@code permits} per {@code period}, counted by an {@link Algorithm}.
 *
 * <p>Written as {@code <permits>/<period>[ burst <n>][ <algorithm>][@<zone>]}, e.g. {@code 5/1m sliding},
 * {@code 100/1s burst 200 gcra}, {@code 500/1d@America/New_York}. Periods: {@code ms s m min h d},
 * with an optional count ({@code 30s}). Without an algorithm: a {@code 1d} period with or without a zone
 * is a {@link Algorithm#CALENDAR_DAY calendar day} (UTC unless a zone is given); a window with a burst is a
 * {@link Algorithm#TOKEN_BUCKET token bucket}; anything else a {@link Algorithm#SLIDING_LOG sliding log}.
 *
 * @param permits   permits per period, at least 1
 * @param period    the window length (a calendar day: 24 h except across a DST change)
 * @param burst     capacity of the bucket for {@code TOKEN_BUCKET} and {@code GCRA}: how many permits an
 *                  idle key may spend at once; equal to {@code permits} for the other algorithms
 * @param algorithm how it counts
 * @param zone      where the day starts, for {@code CALENDAR_DAY}; UTC otherwise
 */
public record Window(long permits, Duration period, long burst, Algorithm algorithm, ZoneId zone) {
    private static final Pattern SPEC = Pattern.compile(
            "\\s*(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|sec|second|m|min|minute|h|hour|d|day)"
                    + "(?:\\s+burst\\s+(\\d+))?(?:\\s+([a-z-_]+))?\\s*(?:@\\s*(\\S+))?\\s*",
            Pattern.CASE_INSENSITIVE);
    /** Keeps {@code burst * period / permits} (the bucket's size in nanoseconds) far from overflow. */
    private static final long MAX_BUCKET_NANOS = Long.MAX_VALUE / 4;

    public Window {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(algorithm, "algorithm");
        zone = zone == null ? ZoneOffset.UTC : zone;
        if (permits < 1 || burst < 1) {
            throw new IllegalArgumentException("permits and burst must be at least 1: " + permits + "/" + burst);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        if (algorithm == Algorithm.SLIDING_LOG || algorithm == Algorithm.CALENDAR_DAY) {
            burst = permits;
        }
        if (algorithm == Algorithm.CALENDAR_DAY && !period.equals(Duration.ofDays(1))) {
            throw new IllegalArgumentException("a calendar-day window has a period of 1d, not " + period);
        }
        if (algorithm == Algorithm.SLIDING_LOG && permits > 1_000_000) {
            throw new IllegalArgumentException("a sliding log keeps one timestamp per permit: " + permits
                    + " is too many; use a token bucket or gcra");
        }
        if (burst > MAX_BUCKET_NANOS / Math.max(1, emissionNanos(period, permits))) {
            throw new IllegalArgumentException("burst " + burst + " over " + period + " is too large");
        }
    }

    public static Window of(long permits, Duration period, Algorithm algorithm) {
        return new Window(permits, period, permits, algorithm, null);
    }

    public static Window bucket(long permits, Duration period, long burst, Algorithm algorithm) {
        return new Window(permits, period, burst, algorithm, null);
    }

    /**
     * The seed's inbound shape, "{@code permits}/{@code period}, burst {@code multiplier}x for {@code duration}":
     * a token bucket refilled at the rate whose capacity is what the rate times {@code multiplier} brings in
     * {@code duration} (1000/1m, 2x for 30 s: 1000 requests at once, then 1000 a minute).
     */
    public static Window burstAllowance(long permits, Duration period, double multiplier, Duration duration) {
        double perNano = (double) permits / period.toNanos();
        long burst = Math.max(1, (long) Math.ceil(perNano * multiplier * duration.toNanos() - 1e-9));
        return new Window(permits, period, burst, Algorithm.TOKEN_BUCKET, null);
    }

    public static Window calendarDay(long permits, ZoneId zone) {
        return new Window(permits, Duration.ofDays(1), permits, Algorithm.CALENDAR_DAY, zone);
    }

    public static Window parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not a rate window: write e.g. 5/1m, 100/1s burst 200 gcra,"
                    + " 500/1d@America/New_York");
        }
        long permits = Long.parseLong(m.group(1));
        long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration period = switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(count);
            case "s", "sec", "second" -> Duration.ofSeconds(count);
            case "m", "min", "minute" -> Duration.ofMinutes(count);
            case "h", "hour" -> Duration.ofHours(count);
            default -> Duration.ofDays(count);
        };
        Long burst = m.group(4) == null ? null : Long.parseLong(m.group(4));
        ZoneId zone = m.group(6) == null ? null : ZoneId.of(m.group(6));
        Algorithm algorithm;
        if (m.group(5) != null) {
            algorithm = Algorithm.parse(m.group(5));
        } else if (period.equals(Duration.ofDays(1)) && burst == null) {
            algorithm = Algorithm.CALENDAR_DAY;
        } else if (burst != null) {
            algorithm = Algorithm.TOKEN_BUCKET;
        } else {
            algorithm = Algorithm.SLIDING_LOG;
        }
        if (zone != null && algorithm != Algorithm.CALENDAR_DAY) {
            throw new IllegalArgumentException("'" + spec + "': only a calendar day (1d) has a time zone");
        }
        return new Window(permits, period, burst == null ? permits : burst, algorithm, zone);
    }

    /** Nanoseconds per permit, rounded up (so rounding never lets more through than the rate). */
    public long emissionNanos() {
        return emissionNanos(period, permits);
    }

    private static long emissionNanos(Duration period, long permits) {
        long p = period.toNanos();
        return (p + permits - 1) / permits;
    }

    /** The same window with its permits and burst scaled by {@code share} (rounded up, at least 1). */
    public Window scaled(double share) {
        long p = Math.max(1, (long) Math.ceil(permits * share));
        long b = Math.max(1, (long) Math.ceil(burst * share));
        return new Window(p, period, b, algorithm, zone);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(permits).append('/').append(formatPeriod(period));
        if (burst != permits) {
            s.append(" burst ").append(burst);
        }
        s.append(' ').append(algorithm.wireName());
        if (algorithm == Algorithm.CALENDAR_DAY) {
            s.append('@').append(zone.getId());
        }
        return s.toString();
    }

    private static String formatPeriod(Duration d) {
        if (d.toMillis() % 86_400_000 == 0) {
            return d.toDays() + "d";
        }
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }
}
