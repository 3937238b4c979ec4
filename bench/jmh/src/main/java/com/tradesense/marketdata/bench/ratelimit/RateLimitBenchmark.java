package com.tradesense.marketdata.bench.ratelimit;

import com.tradesense.marketdata.ratelimit.LocalRateLimiter;
import com.tradesense.marketdata.ratelimit.Quota;
import com.tradesense.marketdata.ratelimit.RateClock;
import com.tradesense.marketdata.ratelimit.RateDecision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * Cost of one in-memory rate-limit decision ({@link LocalRateLimiter#tryAcquire}), per algorithm: 1024
 * client keys in turn (map lookup, the key's lock, the window arithmetic, the decision record), the time
 * read from the system clock as the filter does. Limits are set so that decisions mix grants and
 * denials. {@code contended}: two threads on one key. Run:
 * {@code java -jar bench/jmh/target/benchmarks.jar RateLimit -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimitBenchmark {
    private static final int KEYS = 1024;

    @Param({"1000/1m burst 1000 token-bucket", "1000/1m sliding", "1000/1m burst 1000 gcra", "500/1d",
            "5/1m sliding, 500/1d@America/New_York"})
    public String quota;

    private LocalRateLimiter limiter;
    private final String[] keys = new String[KEYS];

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void setUp() {
        limiter = new LocalRateLimiter(Quota.parse(quota));
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "10.0." + (i >> 8) + "." + (i & 255);
        }
    }

    @Benchmark
    public RateDecision clockOnly() {
        return new RateDecision(true, RateClock.SYSTEM.nanos(), 0, 0, 0);
    }

    @Benchmark
    public RateDecision tryAcquire(Cursor c) {
        return limiter.tryAcquire(keys[c.next++ & (KEYS - 1)], 1, RateClock.SYSTEM.nanos());
    }

    @Benchmark
    @Threads(2)
    public RateDecision contended() {
        return limiter.tryAcquire("one-client", 1, RateClock.SYSTEM.nanos());
    }
}
