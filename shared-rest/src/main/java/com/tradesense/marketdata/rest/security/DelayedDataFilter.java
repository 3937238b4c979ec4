package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.access.AccessPolicy;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.history.OhlcvQuery;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Delayed data for callers without real time ({@link AuthFilter#DELAYED_MARKET} set): intraday bars and
 * tick history end at now - {@link AccessPolicy#DELAY}, by rewriting {@code to} before the resource sees the
 * request. Daily and longer bars are served as they are.
 */
public class DelayedDataFilter {
    private final Clock clock;

    public DelayedDataFilter(Clock clock) {
        this.clock = clock;
    }

    @ServerRequestFilter(preMatching = true)
    public void delay(ContainerRequestContext request, RoutingContext ctx) {
        Market market = ctx == null ? null : ctx.get(AuthFilter.DELAYED_MARKET);
        if (market == null) {
            return;
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        if (request.getUriInfo().getPath().startsWith("/api/v1/market-data/ohlcv/")) {
            Optional<Interval> interval = Interval.fromWire(query.getFirst("interval"));
            if (interval.isEmpty() || !interval.get().isIntraday()) {
                return;
            }
        }
        Instant cutoff = clock.instant().minus(AccessPolicy.DELAY);
        String to = query.getFirst("to");
        if (to != null) {
            Optional<Instant> asked;
            try {
                asked = OhlcvQuery.parseTime(to, "to").map(t -> t instanceof OhlcvQuery.DatePoint d
                        ? d.date().atStartOfDay(market.zone()).toInstant() : ((OhlcvQuery.InstantPoint) t).instant());
            } catch (RuntimeException e) {
                return; // the resource reports the bad parameter
            }
            if (asked.isEmpty() || !asked.get().isAfter(cutoff)) {
                return;
            }
        }
        request.setRequestUri(request.getUriInfo().getRequestUriBuilder().replaceQueryParam("to", cutoff.toString()).build());
    }
}
