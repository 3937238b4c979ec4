package com.tradesense.marketdata.engine;

import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.economy.EconomyService;
import com.tradesense.marketdata.fundamentals.FundamentalsService;
import com.tradesense.marketdata.news.NewsService;
import com.tradesense.marketdata.symbols.SymbolMaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Wires the services behind the research endpoints (fundamentals, economic indicators, news) from the
 * reference data and providers {@link EngineBeans} produces.
 */
@ApplicationScoped
public class ResearchBeans {

    @Produces
    @Singleton
    FundamentalsService fundamentals(SymbolMaster symbols, ProviderRouter router, Clock clock) {
        return new FundamentalsService(symbols, router, clock);
    }

    @Produces
    @Singleton
    EconomyService economy(ProviderRouter router, Clock clock) {
        return new EconomyService(router, clock);
    }

    @Produces
    @Singleton
    NewsService news(SymbolMaster symbols, ProviderRouter router, Clock clock) {
        return new NewsService(symbols, router, clock);
    }
}
