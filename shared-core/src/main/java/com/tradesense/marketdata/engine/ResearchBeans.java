package com.tradesense.marketdata.engine;

import com.tradesense.marketdata.economy.EconomyService;
import com.tradesense.marketdata.fundamentals.FundamentalsService;
import com.tradesense.marketdata.news.NewsService;
import com.tradesense.marketdata.provider.ProviderRegistry;
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
    FundamentalsService fundamentals(SymbolMaster symbols, ProviderRegistry providers, Clock clock) {
        return new FundamentalsService(symbols, providers, clock);
    }

    @Produces
    @Singleton
    EconomyService economy(ProviderRegistry providers, Clock clock) {
        return new EconomyService(providers, clock);
    }

    @Produces
    @Singleton
    NewsService news(SymbolMaster symbols, ProviderRegistry providers, Clock clock) {
        return new NewsService(symbols, providers, clock);
    }
}
