package com.tradesense.marketdata.rest;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.SymbolMaster;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the reference data every function needs is loaded: the calendars and the symbol
 * master. Both load at start-up, so the first client request does not pay for it, and a broken data
 * file stops the process at start instead of failing requests.
 */
@Readiness
@ApplicationScoped
public class ReferenceDataReadiness implements HealthCheck {
    private final MarketCalendars calendars;
    private final SymbolMaster symbols;

    public ReferenceDataReadiness(MarketCalendars calendars, SymbolMaster symbols) {
        this.calendars = calendars;
        this.symbols = symbols;
    }

    void load(@Observes StartupEvent start) {
        calendars.of(Market.NYSE);
        symbols.size();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reference-data")
                .withData("symbols", symbols.size())
                .withData("markets", Market.values().length)
                .up()
                .build();
    }
}
