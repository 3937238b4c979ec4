package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.telemetry.ProviderCallOutcome;
import com.tradesense.marketdata.telemetry.ProviderCostLedger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way the engine calls providers, for every data type: which providers to ask and in what
 * order ({@link #order}), and each call's guard ({@link #invoke}): circuit breaker, bulkhead, the
 * provider's quota, retries with full-jitter backoff, and the latency and outcome reported to the
 * router health, the quality book and the telemetry (which also bills the call to the cost ledger).
 *
 * <p>Why not SmallRye Fault Tolerance: this core is a plain library (no CDI, tested without Quarkus),
 * the SmallRye FT core artifacts are not among the project's dependencies, and its standalone and CDI
 * flavours must not meet on one classpath (the functions would bring the CDI one). The guard here does
 * what the issue asks of it in a few lines: a timeout is the adapter's HTTP request timeout
 * ({@code MDE_PROVIDER_<ID>_TIMEOUT_MS}); retries happen only on UNAVAILABLE (never on a malformed
 * answer, a missing symbol or a 429, which goes straight to the next provider), only while the
 * circuit stays closed and only within {@link RoutingSettings#retryBudget}, so a dying provider costs
 * well under the 1 s failover target; the bulkhead refuses without queueing.
 *
 * <p>Order: the configured route ({@code mde.route.<market>.<type>}) or the registry's priority, the
 * simulator always last; then providers whose quality score is under the floor go behind the others;
 * among the acceptable ones critical requests go by quality score (in 0.1 bands, so noise does not
 * reshuffle them; providers without evidence after those with), routine ones to the cheapest.
 */
public final class ProviderRouter {
    /** A peer whose quota is used beyond this share is not asked for cross-checks: client requests need it more. */
    static final double CROSS_CHECK_MAX_QUOTA_USAGE = 0.5;
    /** Conflicts a single cross-check may add to the log, so one bad answer does not flush the others out. */
    private static final int CONFLICTS_PER_CHECK = 5;

    private final ProviderRegistry registry;
    private final RouterHealth health;
    private final ProviderQuotas quotas;
    private final EngineTelemetry telemetry;
    private final ProviderCostLedger costs;
    private final MarketCalendars calendars;
    private final Clock clock;
    private final RoutingSettings settings;
    private final QualityBook quality;
    private final Bulkhead bulkhead;
    private final ConflictLog conflicts;
    private final ConcurrentHashMap<String, AtomicLong> retries = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor crossChecks;
    private final AtomicInteger crossChecksPending = new AtomicInteger();

    /**
     * @param costs     prices per call (null: every provider free); spend is recorded by the telemetry
     * @param calendars for completeness of daily bars (null: not measured)
     */
    public ProviderRouter(ProviderRegistry registry, RouterHealth health, ProviderQuotas quotas, EngineTelemetry telemetry,
                          ProviderCostLedger costs, MarketCalendars calendars, Clock clock, RoutingSettings settings) {
        this.registry = registry;
        this.health = health;
        this.quotas = quotas;
        this.telemetry = telemetry;
        this.costs = costs;
        this.calendars = calendars;
        this.clock = clock;
        this.settings = settings;
        this.quality = new QualityBook(settings.weights());
        this.bulkhead = new Bulkhead(settings.bulkhead());
        this.conflicts = new ConflictLog(settings.conflictsKept());
        // one background thread; when it falls behind, further samples are dropped rather than queued forever
        this.crossChecks = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "mde-cross-check");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.crossChecks.allowCoreThreadTimeOut(true);
    }

    /** Defaults without cross-checks or prices: for services built without a configured router. */
    public static ProviderRouter basic(ProviderRegistry registry, RouterHealth health, ProviderQuotas quotas,
                                       EngineTelemetry telemetry, Clock clock) {
        return new ProviderRouter(registry, health, quotas, telemetry, null, null, clock,
                RoutingSettings.DEFAULT.withCrossCheckRate(0));
    }

    public RoutingSettings settings() {
        return settings;
    }

    public QualityBook quality() {
        return quality;
    }

    public ConflictLog conflicts() {
        return conflicts;
    }

    public RouterHealth health() {
        return health;
    }

    public long retries(String provider) {
        AtomicLong n = retries.get(provider);
        return n == null ? 0 : n.get();
    }

    public long bulkheadRejections(String provider) {
        return bulkhead.rejections(provider);
    }

    public double usdPerCall(String provider) {
        return costs == null ? 0 : costs.usdPerCall(provider);
    }

    /** Spend on the provider since 00:00 UTC, as the telemetry billed it (null without a ledger). */
    public Double spendTodayUsd(String provider) {
        return costs == null ? null : costs.costTodayUsd(provider);
    }

    /** Providers to ask, in order, for {@code type} on {@code market} ({@code interval} null: any). */
    public List<Provider> order(Market market, DataType type, Interval interval, Criticality criticality) {
        List<Provider> base = new ArrayList<>(registry.candidates(market, type, interval));
        List<String> route = settings.route(market, type);
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < base.size(); i++) {
            int named = route.indexOf(base.get(i).id());
            rank.put(base.get(i).id(), named >= 0 ? named : route.size() + i);
        }
        Map<String, Double> scores = new HashMap<>();
        base.forEach(p -> scores.put(p.id(), quality.score(p.id(), type).score()));
        Comparator<Provider> order = Comparator.comparing((Provider p) -> p.capabilities().simulated())
                .thenComparing(p -> !acceptable(scores.get(p.id())));
        if (criticality == Criticality.CRITICAL) {
            order = order.thenComparing(p -> -band(scores.get(p.id())));
        } else {
            order = order.thenComparingDouble(p -> usdPerCall(p.id()));
        }
        base.sort(order.thenComparing(p -> rank.get(p.id())));
        return base;
    }

    private boolean acceptable(Double score) {
        return score == null || score >= settings.qualityFloor();
    }

    /** Score in 0.1 steps (0..10); -1 without evidence, so measured acceptable providers come first. */
    private static int band(Double score) {
        return score == null ? -1 : (int) Math.floor(score * 10 + 1e-9);
    }

    /** One answered call and who answered it. */
    public record Answer<T>(Provider provider, T value) {
    }

    /** Asks the providers in {@link #order} until one answers. */
    public <T> Answer<T> first(Market market, DataType type, Interval interval, Criticality criticality,
                               Function<Provider, T> call) {
        Failures failures = new Failures();
        List<Provider> order = order(market, type, interval, criticality);
        for (Provider p : order) {
            try {
                return new Answer<>(p, invoke(p, type, () -> call.apply(p)));
            } catch (ProviderException e) {
                failures.add(e);
            }
        }
        throw failures.toException(order.size());
    }

    /** Asks every provider in {@link #order} (fan-out, for data that is merged: news, corporate actions). */
    public <T> List<Answer<T>> all(Market market, DataType type, Interval interval, Criticality criticality,
                                   Function<Provider, T> call) {
        return all(order(market, type, interval, criticality), type, call);
    }

    /** Asks each of {@code providers}, in the given order; at least one must answer. */
    public <T> List<Answer<T>> all(List<Provider> providers, DataType type, Function<Provider, T> call) {
        Failures failures = new Failures();
        List<Answer<T>> out = new ArrayList<>();
        for (Provider p : providers) {
            try {
                out.add(new Answer<>(p, invoke(p, type, () -> call.apply(p))));
            } catch (ProviderException e) {
                failures.add(e);
            }
        }
        if (out.isEmpty()) {
            throw failures.toException(providers.size());
        }
        return out;
    }

    /** What the providers that did not answer said. */
    private static final class Failures {
        boolean onlyNotCovered = true;
        Duration retryAfter;

        void add(ProviderException e) {
            onlyNotCovered &= e.reason() == ProviderException.Reason.NOT_COVERED;
            if (e.retryAfter() != null && (retryAfter == null || e.retryAfter().compareTo(retryAfter) < 0)) {
                retryAfter = e.retryAfter();
            }
        }

        NoProviderAnswered toException(int asked) {
            return new NoProviderAnswered(asked, onlyNotCovered, retryAfter);
        }
    }

    /** One guarded call to {@code p} for a client request. */
    public <T> T invoke(Provider p, DataType type, Supplier<T> call) {
        return invoke(p, type, ProviderQuotas.Priority.INTERACTIVE, call);
    }

    /**
     * The guard: an open circuit or a full bulkhead refuses at once (the caller goes to the next provider),
     * then each attempt takes a permit from the provider's quota; UNAVAILABLE answers are retried as
     * described in the class comment, everything else is thrown to the caller as it came.
     */
    private <T> T invoke(Provider p, DataType type, ProviderQuotas.Priority priority, Supplier<T> call) {
        String id = p.id();
        if (!health.allow(id)) {
            throw new ProviderException(id, ProviderException.Reason.UNAVAILABLE, "circuit open", health.retryAfter(id), null);
        }
        if (!bulkhead.tryEnter(id)) {
            health.release(id); // no call made: a half-open probe permit goes back
            throw new ProviderException(id, ProviderException.Reason.RATE_LIMITED,
                    "bulkhead full (" + bulkhead.maxConcurrent() + " calls in flight)", Duration.ofSeconds(1), null);
        }
        try {
            long start = System.nanoTime();
            for (int attempt = 1; ; attempt++) {
                ProviderQuotas.Admission admission = quotas.acquire(id, priority);
                if (!admission.granted()) {
                    health.release(id);
                    throw new ProviderException(id, ProviderException.Reason.RATE_LIMITED, "quota spent", admission.retryAfter(), null);
                }
                Attempt<T> result = attempt(p, type, call);
                if (result.failure() == null) {
                    return result.value();
                }
                ProviderException failed = result.failure();
                long delay = settings.backoff().delayNanos(attempt, () -> ThreadLocalRandom.current().nextDouble());
                boolean retry = failed.reason() == ProviderException.Reason.UNAVAILABLE
                        && attempt < settings.maxAttempts()
                        && health.of(id).circuit().state() == CircuitBreaker.State.CLOSED
                        && System.nanoTime() - start + delay <= settings.retryBudget().toNanos();
                if (!retry) {
                    throw failed;
                }
                retries.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
                LockSupport.parkNanos(delay);
            }
        } finally {
            bulkhead.exit(id);
        }
    }

    /** How one attempt ended: its value, or the provider's exception. */
    private record Attempt<T>(T value, ProviderException failure) {
    }

    private <T> Attempt<T> attempt(Provider p, DataType type, Supplier<T> call) {
        long t0 = System.nanoTime();
        ProviderCallOutcome outcome = ProviderCallOutcome.UNEXPECTED;
        String error = null;
        try {
            T value = call.get();
            outcome = ProviderCallOutcome.SUCCESS;
            return new Attempt<>(value, null);
        } catch (ProviderException e) {
            outcome = ProviderCallOutcome.of(e);
            error = e.getMessage();
            if (e.reason() == ProviderException.Reason.RATE_LIMITED) {
                quotas.pause(p.id(), e.retryAfter());
            }
            return new Attempt<>(null, e);
        } finally {
            long elapsed = System.nanoTime() - t0;
            telemetry.providerCall(p.id(), type, elapsed, outcome);
            health.record(p.id(), elapsed, outcome, error);
            if (outcome != ProviderCallOutcome.NOT_COVERED && outcome != ProviderCallOutcome.RATE_LIMITED) {
                quality.call(p.id(), type, elapsed, outcome.isProviderError());
            }
        }
    }

    /**
     * A provider answered bars (cleaned): measures completeness of daily bars against the calendar, and
     * for a sample of answers asks another provider the same off the request path to measure accuracy.
     */
    public void barsAnswered(Provider p, BarRequest request, List<Bar> bars) {
        Instant now = clock.instant();
        if (calendars != null && request.interval() == Interval.D1 && !bars.isEmpty()) {
            long[] counted = dailyCompleteness(calendars.of(request.listing().market()), request, bars, now);
            quality.completeness(p.id(), DataType.OHLCV, counted[0], counted[1]);
        }
        if (p.capabilities().simulated() || bars.isEmpty() || settings.crossCheckRate() <= 0
                || ThreadLocalRandom.current().nextDouble() >= settings.crossCheckRate()) {
            return;
        }
        Provider peer = order(request.listing().market(), DataType.OHLCV, request.interval(), Criticality.ROUTINE).stream()
                .filter(q -> !q.id().equals(p.id()) && !q.capabilities().simulated()
                        && quotas.usage(q.id()) <= CROSS_CHECK_MAX_QUOTA_USAGE && !quotas.paused(q.id()))
                .findFirst().orElse(null);
        if (peer == null) {
            return;
        }
        List<Bar> served = List.copyOf(bars);
        // counted before it is handed over: a task given to a worker thread that has not started yet is neither
        // active nor queued, and awaitCrossChecks must still see it
        crossChecksPending.incrementAndGet();
        try {
            crossChecks.execute(() -> {
                try {
                    crossCheck(p, now, served, peer, request);
                } finally {
                    crossChecksPending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException full) {
            // cross-checks are a sample: when they back up, this one is skipped rather than slowing the answer
            crossChecksPending.decrementAndGet();
        }
    }

    /** Sessions that closed between the first bar received and the end of the request, against the bars received for them. */
    static long[] dailyCompleteness(MarketCalendar calendar, BarRequest request, List<Bar> bars, Instant now) {
        Instant first = Instant.ofEpochMilli(bars.get(0).t());
        Instant end = request.to().isBefore(now) ? request.to() : now;
        LocalDate day = LocalDate.ofInstant(first, calendar.market().zone());
        LocalDate last = LocalDate.ofInstant(end, calendar.market().zone());
        if (day.getYear() < calendar.firstYear() || last.getYear() > calendar.lastYear()) {
            return new long[]{0, 0};
        }
        long expected = 0;
        for (LocalDate d = day; !d.isAfter(last); d = d.plusDays(1)) {
            var s = calendar.session(d);
            if (s.isPresent() && !s.get().regularOpen().isBefore(first) && s.get().regularOpen().isBefore(end)
                    && !s.get().regularClose().isAfter(now)) {
                expected++;
            }
        }
        long received = bars.stream().filter(b -> b.t() >= first.toEpochMilli() && b.t() < end.toEpochMilli()).count();
        return new long[]{Math.min(received, expected), expected};
    }

    private void crossCheck(Provider served, Instant servedAt, List<Bar> bars, Provider peer, BarRequest request) {
        List<Bar> other;
        try {
            other = invoke(peer, DataType.OHLCV, ProviderQuotas.Priority.BACKGROUND, () -> peer.bars(request));
        } catch (ProviderException | IllegalArgumentException e) {
            return; // the peer could not say: no evidence either way
        }
        Instant peerAt = clock.instant();
        Map<Long, Bar> byTime = new HashMap<>();
        other.forEach(b -> byTime.put(b.t(), b));
        int compared = 0;
        int disagreed = 0;
        int logged = 0;
        for (Bar a : bars) {
            Bar b = byTime.get(a.t());
            if (b == null) {
                continue;
            }
            compared++;
            if (PriceConflicts.disagree(a.c(), b.c(), settings.tolerance())) {
                disagreed++;
                if (logged++ < CONFLICTS_PER_CHECK) {
                    PriceConflicts.Resolution r = PriceConflicts.resolve(List.of(
                            new PriceConflicts.Figure(served.id(), a.c(), servedAt),
                            new PriceConflicts.Figure(peer.id(), b.c(), peerAt)), settings.tolerance());
                    conflicts.add(new ConflictLog.Conflict(clock.instant(), DataType.OHLCV.wireName(), request.listing().symbol(),
                            Instant.ofEpochMilli(a.t()), "close", served.id(), a.c(), peer.id(), b.c(), r.winner().provider(), r.spread()));
                }
            }
        }
        if (compared > 0) {
            // two answers make no majority: both providers carry the disagreement
            quality.crossChecked(served.id(), DataType.OHLCV, compared, disagreed);
            quality.crossChecked(peer.id(), DataType.OHLCV, compared, disagreed);
        }
    }

    /** Waits until queued cross-checks are done (tests, shutdown). */
    public boolean awaitCrossChecks(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (crossChecksPending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }
}
