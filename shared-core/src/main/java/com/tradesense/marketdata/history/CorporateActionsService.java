package com.tradesense.marketdata.history;

import com.tradesense.marketdata.routing.Criticality;
import com.tradesense.marketdata.routing.NoProviderAnswered;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.telemetry.EngineTelemetry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listing's corporate actions merged across every provider that has them. Two records of the same
 * kind on the same date are one action: the exchange's own record wins, otherwise the provider
 * earlier in the priority order. Each record keeps the provider it came from. Every provider is asked
 * through the {@link ProviderRouter} (an open circuit is skipped, failures are retried or passed over).
 */
public final class CorporateActionsService {
    private final Clock clock;
    private final ProviderRouter router;
    private final CorporateActionWatch watch = new CorporateActionWatch();

    public CorporateActionsService(ProviderRegistry providers, Clock clock) {
        this(providers, clock, RouterHealth.NONE);
    }

    /** @param health a provider whose circuit is open is not asked; every call is reported to it */
    public CorporateActionsService(ProviderRegistry providers, Clock clock, RouterHealth health) {
        this(clock, ProviderRouter.basic(providers, health, ProviderQuotas.unlimited(), EngineTelemetry.NONE, clock));
    }

    public CorporateActionsService(Clock clock, ProviderRouter router) {
        this.clock = clock;
        this.router = router;
    }

    /** The merged actions and the provenance of the answer (the providers that answered, joined by '+'). */
    public record Result(List<CorporateAction> actions, Source source) {
    }

    /** Actions effective in {@code [from, to]}, oldest first. */
    public Result actions(Listing listing, LocalDate from, LocalDate to) {
        List<Provider> ordered = new ArrayList<>(router.order(listing.market(), DataType.CORPORATE_ACTIONS, null, Criticality.ROUTINE));
        ordered.sort(Comparator.comparing(p -> !p.isExchange())); // exchange first; stable keeps the routing order
        List<ProviderRouter.Answer<List<CorporateAction>>> answers;
        try {
            answers = router.all(ordered, DataType.CORPORATE_ACTIONS, p -> p.corporateActions(listing, from, to));
        } catch (NoProviderAnswered e) {
            throw new ServiceUnavailableException("No provider could list the corporate actions of " + listing.symbol()
                    + " right now.", e.retryAfterOr(MarketDataService.DEFAULT_RETRY_AFTER));
        }
        Map<String, CorporateAction> merged = new LinkedHashMap<>();
        List<String> answered = new ArrayList<>();
        for (ProviderRouter.Answer<List<CorporateAction>> a : answers) {
            answered.add(a.provider().id());
            for (CorporateAction action : a.value()) {
                merged.putIfAbsent(kind(action) + "|" + action.effectiveDate(), action);
            }
        }
        List<CorporateAction> out = new ArrayList<>(merged.values());
        out.sort(Comparator.comparing(CorporateAction::effectiveDate).thenComparing(CorporateActionsService::kind));
        watch.saw(listing.symbol(), from, to, out);
        return new Result(out, new Source(String.join("+", answered), CacheLayer.NONE, false, clock.instant()));
    }

    /** Notices splits and dividends this process did not know of (the cache layers listen to invalidate). */
    public CorporateActionWatch watch() {
        return watch;
    }

    /** Wire name of an action's kind: split, dividend, symbol_change, merger. */
    public static String kind(CorporateAction a) {
        if (a instanceof CorporateAction.Split) {
            return "split";
        }
        if (a instanceof CorporateAction.CashDividend) {
            return "dividend";
        }
        if (a instanceof CorporateAction.SymbolChange) {
            return "symbol_change";
        }
        return "merger";
    }
}
