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
import java.time.ZonedDateTime;
import java.time.Instant;
import java.util.Optional;

/**
 * Delayed data for callers without real time ({@link AuthFilter#DELAYED_MARKET} set): intraday bars and
 * tick history end at now - {@link AccessPolicy#DELAY}, by rewriting {@code to} before the resource sees the
 * request. Daily, weekly and monthly bars: the bar in progress is built from the latest prices, so it is left out
 * rather than shown with prices newer than the delay. A bar is served once a whole period (1 day, 1 week, 1 month in
 * the market's zone) plus the delay has passed since its open: whatever the market's session hours (FX days open
 * the evening before), no bar can then hold a price newer than now - {@link AccessPolicy#DELAY}.
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
        Instant cutoff = clock.instant().minus(AccessPolicy.DELAY);
        if (request.getUriInfo().getPath().startsWith("/api/v1/market-data/ohlcv/")) {
            String wire = query.getFirst("interval");
            Optional<Interval> interval = wire == null || wire.isEmpty() ? Optional.of(Interval.D1) : Interval.fromWire(wire);
            if (interval.isEmpty()) {
                return; // the resource reports the bad parameter
            }
            if (!interval.get().isIntraday()) {
                // a bar opened at t covers up to t + its period: only bars whose period ended by the cutoff are served
                // ('to' is exclusive, on bar open times)
                cutoff = periodBefore(interval.get(), cutoff.atZone(market.zone())).toInstant().plusMillis(1);
            }
        }
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

    /** {@code at} minus one daily, weekly or monthly period, in the market's zone. */
    static ZonedDateTime periodBefore(Interval interval, ZonedDateTime at) {
        return switch (interval) {
            case W1 -> at.minusWeeks(1);
            case MO1 -> at.minusMonths(1);
            default -> at.minusDays(1);
        };
    }
}
