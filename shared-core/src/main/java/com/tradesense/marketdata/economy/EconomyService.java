package com.tradesense.marketdata.economy;

import com.tradesense.marketdata.routing.Criticality;
import com.tradesense.marketdata.routing.NoProviderAnswered;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.telemetry.EngineTelemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Macro series by country: asks the providers that serve economic data for the country's market in
 * priority order until one answers, then makes sure what reaches the client is a series: one finite
 * observation per date, oldest first.
 */
public final class EconomyService {
    /** Series start here unless the client says otherwise. */
    public static final LocalDate DEFAULT_FROM = LocalDate.of(2000, 1, 1);
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final ProviderRouter router;
    private final Clock clock;

    public EconomyService(ProviderRegistry providers, Clock clock) {
        this(ProviderRouter.basic(providers, RouterHealth.NONE, ProviderQuotas.unlimited(), EngineTelemetry.NONE, clock), clock);
    }

    /** @param router orders the providers and guards every call */
    public EconomyService(ProviderRouter router, Clock clock) {
        this.router = router;
        this.clock = clock;
    }

    public EconomicSeries series(EconomicQuery q) {
        LocalDate from = q.from().orElse(DEFAULT_FROM);
        LocalDate to = q.to().orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (from.isAfter(to)) {
            throw new InvalidParameterException(q.from().isPresent() ? "from" : "to",
                    "'from' (" + from + ") must not be after 'to' (" + to + ").");
        }
        // providers declare coverage by market; a country's economic data goes with its home market
        Market market = q.country().equals("MA") ? Market.CSE : Market.NYSE;
        EconomicSeries s;
        try {
            s = router.first(market, DataType.ECONOMIC_INDICATORS, null, Criticality.ROUTINE, p -> {
                EconomicSeries got = p.economicSeries(q.country(), q.indicator(), from, to);
                if (got == null || got.observations() == null || got.source() == null) {
                    throw new ProviderException(p.id(), ProviderException.Reason.BAD_RESPONSE, "series without observations");
                }
                return got;
            }).value();
        } catch (NoProviderAnswered e) {
            if (e.asked() == 0) {
                throw new ServiceUnavailableException("No provider serves economic indicators for " + q.country() + ".", DEFAULT_RETRY_AFTER);
            }
            if (e.onlyNotCovered()) {
                throw new NotFoundException("indicator", "No provider has " + q.indicator().wireName() + " for " + q.country() + ".");
            }
            throw new ServiceUnavailableException("No provider could serve " + q.indicator().wireName() + " for " + q.country()
                    + " right now.", e.retryAfterOr(DEFAULT_RETRY_AFTER));
        }
        return new EconomicSeries(q.country(), q.indicator(), s.unit() == null ? q.indicator().unit() : s.unit(),
                s.frequency() == null ? q.indicator().frequency() : s.frequency(), clean(s.observations()), s.source());
    }

    /** Oldest first, one observation per date (the last one given wins), no NaN or infinite values. */
    static List<Observation> clean(List<Observation> raw) {
        List<Observation> sorted = new ArrayList<>();
        for (Observation o : raw) {
            if (o != null && o.date() != null && Double.isFinite(o.value())) {
                sorted.add(o);
            }
        }
        sorted.sort(Comparator.comparing(Observation::date)); // stable: equal dates keep their order
        List<Observation> out = new ArrayList<>(sorted.size());
        for (Observation o : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).date().equals(o.date())) {
                out.set(out.size() - 1, o);
            } else {
                out.add(o);
            }
        }
        return List.copyOf(out);
    }
}
