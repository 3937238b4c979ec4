package com.tradesense.marketdata.provider;

import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;

import java.util.ArrayList;
import java.util.List;

/**
 * The configured providers in priority order, and which of them may be asked for a given market,
 * data type and interval. The simulator is a provider like the others, kept out of the way of real
 * ones according to the {@link SimulatorMode}.
 */
public final class ProviderRegistry {
    private final List<Provider> providers;
    private final SimulatorMode simulatorMode;

    /** @param providers in priority order, most preferred first */
    public ProviderRegistry(List<Provider> providers, SimulatorMode simulatorMode) {
        this.providers = List.copyOf(providers);
        this.simulatorMode = simulatorMode;
    }

    public List<Provider> all() {
        return providers;
    }

    /** Providers to ask, in order, for bars of {@code interval} on {@code market}. */
    public List<Provider> candidates(Market market, DataType type, Interval interval) {
        List<Provider> real = new ArrayList<>();
        List<Provider> simulated = new ArrayList<>();
        for (Provider p : providers) {
            ProviderCapabilities caps = p.capabilities();
            boolean serves = interval == null ? caps.serves(market, type) : caps.serves(market, type, interval);
            if (serves) {
                (caps.simulated() ? simulated : real).add(p);
            }
        }
        boolean useSimulator = switch (simulatorMode) {
            case AUTO -> real.isEmpty();
            case FALLBACK -> true;
            case OFF -> false;
        };
        if (useSimulator) {
            real.addAll(simulated);
        }
        return real;
    }
}
