package com.tradesense.marketdata.ratelimit;

/**
 * The state of one window for one key. Not thread-safe: {@link LocalRateLimiter} holds the key's lock
 * around a whole check-then-take, so that a multi-window quota consumes from all windows or none.
 * Times are epoch nanoseconds; a clock that steps back is treated as standing still.
 */
abstract sealed class Meter permits Meter.TokenBucket, Meter.SlidingLog, Meter.Gcra, Meter.CalendarDay {
    /** Never: more permits than the window holds. */
    static final long NEVER = Long.MAX_VALUE;

    static Meter create(Window w, long now) {
        return switch (w.algorithm()) {
            case TOKEN_BUCKET -> new TokenBucket(w, now);
            case SLIDING_LOG -> new SlidingLog(w);
            case GCRA -> new Gcra(w);
            case CALENDAR_DAY -> new CalendarDay(w);
        };
    }

    /** 0 when {@code permits} can be taken now, else nanoseconds until they can, or {@link #NEVER}. */
    abstract long waitNanos(long now, int permits);

    /** Takes {@code permits}; only after {@link #waitNanos} said 0 at the same {@code now}. */
    abstract void take(long now, int permits);

    abstract long limit();

    abstract long remaining(long now);

    /** Nanoseconds until all {@link #limit()} permits are available again. */
    abstract long resetNanos(long now);

    /** True when the state equals a fresh one's: the key can be forgotten. */
    boolean idle(long now) {
        return remaining(now) >= limit();
    }

    /**
     * Token bucket in nanoseconds of credit: a permit costs {@code T = period/permits} (rounded up), the
     * bucket holds {@code burst * T}, and credit accrues one nanosecond per nanosecond. Integer
     * arithmetic throughout, so no float drift can ever let one permit too many through.
     */
    static final class TokenBucket extends Meter {
        private final long cost;
        private final long capacity;
        private final long full;
        private long credit;
        private long last;

        TokenBucket(Window w, long now) {
            cost = w.emissionNanos();
            capacity = w.burst();
            full = capacity * cost;
            credit = full;
            last = now;
        }

        private void refill(long now) {
            if (now > last) {
                long elapsed = now - last;
                credit = elapsed >= full - credit ? full : credit + elapsed;
                last = now;
            }
        }

        @Override
        long waitNanos(long now, int permits) {
            if (permits > capacity) {
                return NEVER;
            }
            refill(now);
            long need = permits * cost;
            return credit >= need ? 0 : need - credit;
        }

        @Override
        void take(long now, int permits) {
            credit -= permits * cost;
        }

        @Override
        long limit() {
            return capacity;
        }

        @Override
        long remaining(long now) {
            refill(now);
            return credit / cost;
        }

        @Override
        long resetNanos(long now) {
            refill(now);
            return full - credit;
        }
    }

    /**
     * Sliding log: a ring of the admission times of the last {@code period}, oldest first. A permit
     * admitted at {@code t} counts in every window {@code (s - period, s]} with {@code t} in it, i.e. until
     * {@code t + period} (exclusive).
     */
    static final class SlidingLog extends Meter {
        private final long period;
        private final long[] ring;
        private int head;
        private int count;

        SlidingLog(Window w) {
            period = w.period().toNanos();
            ring = new long[(int) w.permits()];
        }

        private void evict(long now) {
            long expired = now - period;
            while (count > 0 && ring[head] <= expired) {
                head = head + 1 == ring.length ? 0 : head + 1;
                count--;
            }
        }

        @Override
        long waitNanos(long now, int permits) {
            if (permits > ring.length) {
                return NEVER;
            }
            evict(now);
            int over = count + permits - ring.length;
            if (over <= 0) {
                return 0;
            }
            // the over-th oldest admission has to leave the window first
            long t = ring[(head + over - 1) % ring.length];
            return Math.max(1, t + period - now);
        }

        @Override
        void take(long now, int permits) {
            for (int i = 0; i < permits; i++) {
                int tail = (head + count) % ring.length;
                // a clock that stepped back must not put an entry before the newest: it would expire late
                ring[tail] = count == 0 ? now : Math.max(now, ring[(tail + ring.length - 1) % ring.length]);
                count++;
            }
        }

        @Override
        long limit() {
            return ring.length;
        }

        @Override
        long remaining(long now) {
            evict(now);
            return ring.length - count;
        }

        @Override
        long resetNanos(long now) {
            evict(now);
            if (count == 0) {
                return 0;
            }
            long newest = ring[(head + count - 1) % ring.length];
            return newest + period - now;
        }
    }

    /**
     * GCRA: the theoretical arrival time {@code tat} of the next permit if requests came exactly at the
     * rate. A request of {@code n} is admitted when {@code max(tat, now) + n*T - now <= burst*T}.
     */
    static final class Gcra extends Meter {
        private final long emission;
        private final long tolerance;
        private final long burst;
        private long tat = Long.MIN_VALUE;

        Gcra(Window w) {
            emission = w.emissionNanos();
            burst = w.burst();
            tolerance = burst * emission;
        }

        @Override
        long waitNanos(long now, int permits) {
            if (permits > burst) {
                return NEVER;
            }
            long next = Math.max(tat, now) + permits * emission;
            long allowAt = next - tolerance;
            return allowAt <= now ? 0 : allowAt - now;
        }

        @Override
        void take(long now, int permits) {
            tat = Math.max(tat, now) + permits * emission;
        }

        @Override
        long limit() {
            return burst;
        }

        @Override
        long remaining(long now) {
            long backlog = Math.max(tat, now) - now;
            return (tolerance - backlog) / emission;
        }

        @Override
        long resetNanos(long now) {
            return Math.max(tat, now) - now;
        }
    }

    /** A counter per calendar day in a zone; the next midnight is computed once a day. */
    static final class CalendarDay extends Meter {
        private final long limit;
        private final java.time.ZoneId zone;
        private long windowEnd = Long.MIN_VALUE;
        private long count;

        CalendarDay(Window w) {
            limit = w.permits();
            zone = w.zone();
        }

        private void roll(long now) {
            if (now >= windowEnd) {
                count = 0;
                windowEnd = nextMidnight(now, zone);
            }
        }

        static long nextMidnight(long now, java.time.ZoneId zone) {
            java.time.Instant i = java.time.Instant.ofEpochSecond(Math.floorDiv(now, 1_000_000_000L), Math.floorMod(now, 1_000_000_000L));
            java.time.LocalDate day = java.time.LocalDate.ofInstant(i, zone);
            return RateClock.toNanos(day.plusDays(1).atStartOfDay(zone).toInstant());
        }

        @Override
        long waitNanos(long now, int permits) {
            if (permits > limit) {
                return NEVER;
            }
            roll(now);
            return count + permits <= limit ? 0 : windowEnd - now;
        }

        @Override
        void take(long now, int permits) {
            count += permits;
        }

        @Override
        long limit() {
            return limit;
        }

        @Override
        long remaining(long now) {
            roll(now);
            return limit - count;
        }

        @Override
        long resetNanos(long now) {
            roll(now);
            return count == 0 ? 0 : windowEnd - now;
        }
    }
}
