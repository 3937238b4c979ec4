package com.tradesense.marketdata.historical.cache;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.domain.Tick;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.symbols.Listing;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator as the only provider, with what a test scripts on top: splits it starts reporting
 * (as a vendor does when an issuer announces one), and an outage (every call fails as a vendor that does
 * not answer). Enabled per test profile as the {@link ProviderRegistry} alternative.
 */
@Alternative
@Singleton
@Typed(ScriptedSimulator.class)
public class ScriptedSimulator implements Provider {
    static final List<CorporateAction> EXTRA_ACTIONS = new CopyOnWriteArrayList<>();
    static final AtomicBoolean DOWN = new AtomicBoolean();
    static final AtomicInteger BAR_CALLS = new AtomicInteger();

    private final SimulatorProvider sim = new SimulatorProvider(MarketCalendars.standard(), Clock.systemUTC());

    @Produces
    @Singleton
    ProviderRegistry registry() {
        return new ProviderRegistry(List.of(this), SimulatorMode.AUTO);
    }

    private void check() {
        if (DOWN.get()) {
            throw new ProviderException(id(), ProviderException.Reason.UNAVAILABLE, "scripted outage");
        }
    }

    @Override
    public String id() {
        return sim.id();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return sim.capabilities();
    }

    @Override
    public boolean isExchange() {
        return sim.isExchange();
    }

    @Override
    public List<Bar> bars(BarRequest request) {
        BAR_CALLS.incrementAndGet();
        check();
        return sim.bars(request);
    }

    @Override
    public List<Tick> ticks(Listing listing, Instant from, Instant to, int max) {
        check();
        return sim.ticks(listing, from, to, max);
    }

    @Override
    public List<CorporateAction> corporateActions(Listing listing, LocalDate from, LocalDate to) {
        check();
        List<CorporateAction> out = new ArrayList<>(sim.corporateActions(listing, from, to));
        if (listing.symbol().equals("AAPL")) {
            for (CorporateAction a : EXTRA_ACTIONS) {
                if (!a.effectiveDate().isBefore(from) && !a.effectiveDate().isAfter(to)) {
                    out.add(a);
                }
            }
        }
        out.sort(Comparator.comparing(CorporateAction::effectiveDate));
        return out;
    }

    @Override
    public Fundamentals fundamentals(Listing listing) {
        check();
        return sim.fundamentals(listing);
    }

    @Override
    public EconomicSeries economicSeries(String country, EconomicIndicator indicator, LocalDate from, LocalDate to) {
        check();
        return sim.economicSeries(country, indicator, from, to);
    }

    @Override
    public List<NewsItem> news(List<Listing> symbols, Instant from, int max) {
        check();
        return sim.news(symbols, from, max);
    }
}
