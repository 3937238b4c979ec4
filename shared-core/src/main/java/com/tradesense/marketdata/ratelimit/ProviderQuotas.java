package com.tradesense.marketdata.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What each provider may still be asked: its quota (vendors count every call, so one limiter per
 * provider id, shared by every process when the limiter factory is a shared one) and a pause set when
 * the vendor itself said 429 / {@code Retry-After}.
 *
 * <p>When a provider's quota is spent, {@link #acquire} either says so at once (the router goes to the
 * next provider) or, if the permit comes back within {@code maxWait}, waits for it in a bounded queue:
 * at most {@code maxWaiters} callers per provider wait; interactive callers get the queue first, a
 * background caller waits only while no interactive one does, and for at most half the time.
 */
public final class ProviderQuotas {
    public static final String SEED_RESOURCE = "ratelimit/provider-quotas.properties";
    /** How long a vendor's 429 without {@code Retry-After} pauses it. */
    public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(30);

    public enum Priority { INTERACTIVE, BACKGROUND }

    /** Granted, or not with the time until the provider could be asked again. */
    public record Admission(boolean granted, Duration retryAfter) {
        static final Admission GRANTED = new Admission(true, Duration.ZERO);
    }

    private final Map<String, RateLimiter> limiters;
    private final RateClock clock;
    private final long maxWaitNanos;
    private final int maxWaiters;
    private final ConcurrentHashMap<String, Long> pausedUntil = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger[]> waiting = new ConcurrentHashMap<>();
    /** Share of each provider's tightest window in use after its latest decision, 0..1 (for the >90% alert). */
    private final ConcurrentHashMap<String, Double> usage = new ConcurrentHashMap<>();

    /**
     * @param quotas     provider id to its quota; providers not named are not limited
     * @param factory    where the counters live
     * @param maxWait    the longest an acquire waits for a permit before the router moves on (0: never waits)
     * @param maxWaiters how many callers may wait per provider at once
     */
    public ProviderQuotas(Map<String, Quota> quotas, RateLimiterFactory factory, RateClock clock,
                          Duration maxWait, int maxWaiters) {
        Map<String, RateLimiter> ls = new LinkedHashMap<>();
        quotas.forEach((id, q) -> ls.put(id, factory.create("provider", q)));
        this.limiters = Map.copyOf(ls);
        this.clock = clock;
        this.maxWaitNanos = maxWait.toNanos();
        this.maxWaiters = maxWaiters;
    }

    public static ProviderQuotas unlimited() {
        return new ProviderQuotas(Map.of(), RateLimiterFactory.LOCAL, RateClock.SYSTEM, Duration.ZERO, 0);
    }

    /** The seed's table ({@value #SEED_RESOURCE}), in file order. */
    public static Map<String, Quota> seedDefaults() {
        Properties p = new Properties();
        try (InputStream in = ProviderQuotas.class.getClassLoader().getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SEED_RESOURCE);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Quota> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(id -> out.put(id, Quota.parse(p.getProperty(id))));
        return out;
    }

    public Map<String, Quota> quotas() {
        Map<String, Quota> out = new LinkedHashMap<>();
        limiters.forEach((id, l) -> out.put(id, l.quota()));
        return out;
    }

    /** Takes one call's permit from {@code provider}'s quota, waiting within the bounds above. */
    public Admission acquire(String provider, Priority priority) {
        RateLimiter limiter = limiters.get(provider);
        Long paused = pausedUntil.get(provider);
        if (limiter == null && paused == null) {
            return Admission.GRANTED;
        }
        long budget = priority == Priority.INTERACTIVE ? maxWaitNanos : maxWaitNanos / 2;
        long deadline = System.nanoTime() + budget;
        boolean queued = false;
        AtomicInteger[] counts = waiting.computeIfAbsent(provider, k -> new AtomicInteger[]{new AtomicInteger(), new AtomicInteger()});
        try {
            while (true) {
                long now = clock.nanos();
                long wait = pausedWait(provider, now);
                if (wait == 0 && limiter != null) {
                    RateDecision d = limiter.tryAcquire(provider, 1, now);
                    usage.put(provider, d.usage());
                    wait = d.allowed() ? 0 : d.retryAfterNanos();
                }
                if (wait == 0) {
                    return Admission.GRANTED;
                }
                long left = deadline - System.nanoTime();
                if (wait > left || wait == Meter.NEVER) {
                    return new Admission(false, Duration.ofNanos(wait == Meter.NEVER ? Long.MAX_VALUE / 2 : wait));
                }
                if (!queued) {
                    boolean interactive = priority == Priority.INTERACTIVE;
                    if (!interactive && counts[0].get() > 0) {
                        return new Admission(false, Duration.ofNanos(wait));
                    }
                    AtomicInteger mine = counts[interactive ? 0 : 1];
                    if (mine.incrementAndGet() + counts[interactive ? 1 : 0].get() > maxWaiters) {
                        mine.decrementAndGet(); // increment first, then check: two callers can never both slip in
                        return new Admission(false, Duration.ofNanos(wait));
                    }
                    queued = true;
                }
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return new Admission(false, Duration.ofNanos(wait));
                }
            }
        } finally {
            if (queued) {
                counts[priority == Priority.INTERACTIVE ? 0 : 1].decrementAndGet();
            }
        }
    }

    /** Usage of each limited provider's quota after its latest call, 0..1; providers not yet called are 0. */
    public double usage(String provider) {
        return usage.getOrDefault(provider, 0.0);
    }

    /** Callers waiting for {@code provider}'s permit right now. */
    int waiting(String provider) {
        AtomicInteger[] counts = waiting.get(provider);
        return counts == null ? 0 : counts[0].get() + counts[1].get();
    }

    /** The vendor answered 429 (or said Retry-After): ask it nothing more for {@code retryAfter}. */
    public void pause(String provider, Duration retryAfter) {
        long until = clock.nanos() + (retryAfter == null ? DEFAULT_PAUSE : retryAfter).toNanos();
        pausedUntil.merge(provider, until, Math::max);
    }

    /** Nanoseconds the provider stays paused, 0 when it is not. */
    private long pausedWait(String provider, long now) {
        Long until = pausedUntil.get(provider);
        if (until == null) {
            return 0;
        }
        if (until <= now) {
            pausedUntil.remove(provider, until);
            return 0;
        }
        return until - now;
    }

    /** Whether the provider is paused by a vendor 429 now. */
    public boolean paused(String provider) {
        return pausedWait(provider, clock.nanos()) > 0;
    }
}
