package com.tradesense.marketdata.ratelimit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests with random seeds (jqwik-style, plain JUnit): random limits, random arrival times
 * (bursts and lulls) and random request sizes against a manual clock; every run checks the algorithm's
 * guarantee over every window of the resulting history. A failure names its seed: rerun with
 * {@code -Dratelimit.seed=<seed>}.
 */
class RateLimiterPropertiesTest {
    private static final int RUNS = Integer.getInteger("ratelimit.runs", 60);
    private static final Instant T0 = Instant.parse("2026-03-06T12:00:00Z");

    record Grant(long t, int n) {
    }

    /** Random history of one key: returns the grants; checks liveness (a denial's retry-after is right) on the way. */
    private static List<Grant> history(Window w, long seed, int requests) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ManualClock clock = new ManualClock(T0.plusMillis(rnd.nextLong(86_400_000L)));
        LocalRateLimiter limiter = new LocalRateLimiter(Quota.of(w));
        long period = w.period().toNanos();
        List<Grant> grants = new ArrayList<>();
        int maxN = (int) Math.min(3, w.burst());
        for (int i = 0; i < requests; i++) {
            // mostly short gaps (bursts), sometimes long lulls (refill)
            long gap = switch (rnd.nextInt(10)) {
                case 0 -> rnd.nextLong(2 * period);
                case 1, 2 -> rnd.nextLong(Math.max(1, period / 4));
                default -> rnd.nextLong(Math.max(1, period / Math.max(1, w.permits()) + 1));
            };
            clock.advanceNanos(gap);
            int n = 1 + rnd.nextInt(maxN);
            long now = clock.nanos();
            RateDecision before = limiter.peek("k", now);
            RateDecision d = limiter.tryAcquire("k", n, now);
            assertThat(d.limit()).as("limit, seed %d", seed).isEqualTo(w.burst());
            assertThat(d.remaining()).as("remaining, seed %d", seed).isBetween(0L, w.burst());
            if (d.allowed()) {
                grants.add(new Grant(now, n));
                assertThat(d.retryAfterNanos()).isZero();
            } else {
                assertThat(d.retryAfterNanos()).as("a denial says when, seed %d", seed).isPositive();
                assertThat(d.remaining()).as("a denial consumes nothing, seed %d", seed).isEqualTo(before.remaining());
                if (rnd.nextInt(4) == 0) {
                    // refill: after exactly retry-after, the same request is granted
                    clock.advanceNanos(d.retryAfterNanos());
                    RateDecision again = limiter.tryAcquire("k", n, clock.nanos());
                    assertThat(again.allowed()).as("granted after retry-after, seed %d", seed).isTrue();
                    grants.add(new Grant(clock.nanos(), n));
                }
            }
        }
        return grants;
    }

    private static long seed(int run) {
        Long fixed = Long.getLong("ratelimit.seed");
        return fixed != null ? fixed : new SplittableRandom().nextLong() ^ run;
    }

    private static Window randomWindow(SplittableRandom rnd, Algorithm a) {
        long permits = 1 + rnd.nextInt(40);
        Duration period = switch (rnd.nextInt(3)) {
            case 0 -> Duration.ofMillis(1 + rnd.nextInt(2000));
            case 1 -> Duration.ofSeconds(1 + rnd.nextInt(120));
            default -> Duration.ofHours(1);
        };
        long burst = a == Algorithm.SLIDING_LOG ? permits : 1 + rnd.nextInt((int) permits * 3);
        return new Window(permits, period, burst, a, null);
    }

    @TestFactory
    Stream<DynamicTest> slidingLogNeverAdmitsMoreThanTheLimitInAnyWindow() {
        return Stream.iterate(0, i -> i + 1).limit(RUNS).map(run -> {
            long seed = seed(run);
            return DynamicTest.dynamicTest("seed " + seed, () -> {
                Window w = randomWindow(new SplittableRandom(seed), Algorithm.SLIDING_LOG);
                List<Grant> g = history(w, seed, 600);
                long period = w.period().toNanos();
                // every window (s - period, s] with s at a grant: two pointers
                long inWindow = 0;
                int lo = 0;
                for (Grant grant : g) {
                    inWindow += grant.n();
                    while (g.get(lo).t() <= grant.t() - period) {
                        inWindow -= g.get(lo++).n();
                    }
                    assertThat(inWindow).as("%s, seed %d, at %d", w, seed, grant.t()).isLessThanOrEqualTo(w.permits());
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> bucketsNeverAdmitMoreThanBurstPlusRate() {
        return Stream.iterate(0, i -> i + 1).limit(RUNS).flatMap(run -> Stream.of(Algorithm.TOKEN_BUCKET, Algorithm.GCRA).map(a -> {
            long seed = seed(run);
            return DynamicTest.dynamicTest(a + " seed " + seed, () -> {
                Window w = randomWindow(new SplittableRandom(seed), a);
                List<Grant> g = history(w, seed, 500);
                long t = w.emissionNanos();
                // any interval [t_i, t_j] holds at most burst + (t_j - t_i) / T permits
                for (int i = 0; i < g.size(); i++) {
                    long sum = 0;
                    for (int j = i; j < g.size(); j++) {
                        sum += g.get(j).n();
                        long allowed = w.burst() + (g.get(j).t() - g.get(i).t()) / t;
                        if (sum > allowed) {
                            throw new AssertionError(w + " seed " + seed + ": " + sum + " permits in ["
                                    + g.get(i).t() + ", " + g.get(j).t() + "], at most " + allowed);
                        }
                    }
                }
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> tokenBucketAndGcraAdmitTheSameSequences() {
        return Stream.iterate(0, i -> i + 1).limit(RUNS).map(run -> {
            long seed = seed(run);
            return DynamicTest.dynamicTest("seed " + seed, () -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                Window tb = randomWindow(rnd, Algorithm.TOKEN_BUCKET);
                Window gcra = new Window(tb.permits(), tb.period(), tb.burst(), Algorithm.GCRA, null);
                assertThat(history(gcra, seed, 400)).as("seed %d", seed).isEqualTo(history(tb, seed, 400));
            });
        });
    }

    @Test
    void aFreshKeyMaySpendItsWholeBurstAtOnceThenWaitsOneEmission() {
        for (Algorithm a : new Algorithm[]{Algorithm.TOKEN_BUCKET, Algorithm.GCRA}) {
            ManualClock clock = new ManualClock(T0);
            LocalRateLimiter l = new LocalRateLimiter(Quota.of(Window.bucket(100, Duration.ofSeconds(1), 200, a)));
            for (int i = 0; i < 200; i++) {
                assertThat(l.tryAcquire("bloomberg", 1, clock.nanos()).allowed()).as("%s #%d", a, i).isTrue();
            }
            RateDecision denied = l.tryAcquire("bloomberg", 1, clock.nanos());
            assertThat(denied.allowed()).isFalse();
            assertThat(denied.remaining()).isZero();
            assertThat(denied.retryAfterNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
            assertThat(denied.resetNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
            // sustained: 100/s once the burst is gone
            int granted = 0;
            for (int ms = 0; ms < 1000; ms++) {
                clock.advance(Duration.ofMillis(1));
                if (l.tryAcquire("bloomberg", 1, clock.nanos()).allowed()) {
                    granted++;
                }
            }
            assertThat(granted).as("%s sustained", a).isEqualTo(100);
            // refill: two idle seconds make the bucket whole again
            clock.advance(Duration.ofSeconds(2));
            assertThat(l.peek("bloomberg", clock.nanos()).remaining()).isEqualTo(200);
        }
    }

    @Test
    void slidingLogFreesEachPermitExactlyOnePeriodAfterItWasTaken() {
        ManualClock clock = new ManualClock(T0);
        LocalRateLimiter l = new LocalRateLimiter(Quota.parse("5/1m sliding"));
        for (int i = 0; i < 5; i++) {
            assertThat(l.tryAcquire("alpha_vantage", 1, clock.nanos()).allowed()).isTrue();
            clock.advance(Duration.ofSeconds(10));
        }
        // t = 50 s: spent; the first permit (t = 0) comes back at t = 60 s
        RateDecision d = l.tryAcquire("alpha_vantage", 1, clock.nanos());
        assertThat(d.allowed()).isFalse();
        assertThat(d.retryAfterNanos()).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(d.resetNanos()).isEqualTo(Duration.ofSeconds(50).toNanos());
        clock.advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(l.tryAcquire("alpha_vantage", 1, clock.nanos()).allowed()).isFalse();
        clock.advanceNanos(1);
        assertThat(l.tryAcquire("alpha_vantage", 1, clock.nanos()).allowed()).isTrue();
    }

    @Test
    void aDailyQuotaResetsAtMidnightInTheVendorsZoneAcrossDaylightSaving() {
        ZoneId ny = ZoneId.of("America/New_York");
        // 2026-03-08 is 23 hours long in New York (DST starts)
        ManualClock clock = new ManualClock(LocalDate.of(2026, 3, 7).atTime(23, 0).atZone(ny).toInstant());
        LocalRateLimiter l = new LocalRateLimiter(Quota.parse("5/1m sliding, 500/1d@America/New_York"));
        Map<LocalDate, Integer> perDay = new HashMap<>();
        int perMinute = 0;
        for (int minute = 0; minute < 3 * 24 * 60; minute++) {
            perMinute = 0;
            for (int i = 0; i < 7; i++) {
                RateDecision d = l.tryAcquire("alpha_vantage", 1, clock.nanos());
                if (d.allowed()) {
                    perMinute++;
                    perDay.merge(LocalDate.ofInstant(clock.instant(), ny), 1, Integer::sum);
                }
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(perMinute).isLessThanOrEqualTo(5);
            clock.advance(Duration.ofSeconds(53));
        }
        assertThat(perDay.get(LocalDate.of(2026, 3, 7))).isEqualTo(5 * 60);          // one hour before midnight
        assertThat(perDay.get(LocalDate.of(2026, 3, 8))).isEqualTo(500);
        assertThat(perDay.get(LocalDate.of(2026, 3, 9))).isEqualTo(500);
        // the denial on a spent day points at New York midnight
        ManualClock c2 = new ManualClock(LocalDate.of(2026, 3, 7).atTime(22, 0).atZone(ny).toInstant());
        LocalRateLimiter day = new LocalRateLimiter(Quota.parse("2/1d@America/New_York"));
        day.tryAcquire("k", 2, c2.nanos());
        RateDecision d = day.tryAcquire("k", 1, c2.nanos());
        assertThat(d.retryAfterNanos()).isEqualTo(Duration.ofHours(2).toNanos());
    }

    @Test
    void aMultiWindowQuotaTakesFromAllWindowsOrNone() {
        ManualClock clock = new ManualClock(T0);
        LocalRateLimiter l = new LocalRateLimiter(Quota.parse("10/1s sliding, 12/1d"));
        assertThat(l.tryAcquire("cse_api", 10, clock.nanos()).allowed()).isTrue();
        RateDecision d = l.tryAcquire("cse_api", 1, clock.nanos());
        assertThat(d.allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        // the second window has 2 left; asking 3 takes nothing from the first
        assertThat(l.tryAcquire("cse_api", 3, clock.nanos()).allowed()).isFalse();
        RateDecision two = l.tryAcquire("cse_api", 2, clock.nanos());
        assertThat(two.allowed()).isTrue();
        assertThat(two.limit()).as("the tightest window is reported").isEqualTo(12);
        assertThat(two.remaining()).isZero();
    }

    @Test
    void moreThanTheCapacityIsNeverGranted() {
        for (String spec : new String[]{"5/1m sliding", "5/1m burst 5 gcra", "5/1m burst 5 token-bucket", "5/1d"}) {
            RateDecision d = new LocalRateLimiter(Quota.parse(spec)).tryAcquire("k", 6, RateClock.SYSTEM.nanos());
            assertThat(d.allowed()).as(spec).isFalse();
            assertThat(d.retryAfterNanos()).as(spec).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void idleKeysAreForgottenWhenTheMapGrows() {
        ManualClock clock = new ManualClock(T0);
        LocalRateLimiter l = new LocalRateLimiter(Quota.parse("1/1s"));
        for (int i = 0; i < 9_999; i++) {
            l.tryAcquire("client-" + i, 1, clock.nanos());
        }
        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            l.tryAcquire("late-" + i, 1, clock.nanos());
        }
        assertThat(l.size()).isLessThan(100);
        // a swept key starts again fresh and is exact
        assertThat(l.tryAcquire("client-1", 1, clock.nanos()).allowed()).isTrue();
        assertThat(l.tryAcquire("client-1", 1, clock.nanos()).allowed()).isFalse();
    }
}
