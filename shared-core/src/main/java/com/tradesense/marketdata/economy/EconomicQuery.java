package com.tradesense.marketdata.economy;

import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.QueryParameters;
import com.tradesense.marketdata.domain.NotFoundException;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated request for {@code GET /economic-indicators/{country}/{indicator}?from=&to=}.
 *
 * @param country ISO 3166 code, upper case: {@code US} or {@code MA}
 * @param from    first observation date, inclusive; empty for the start of the series
 * @param to      last observation date, inclusive; empty for today
 */
public record EconomicQuery(String country, EconomicIndicator indicator, Optional<LocalDate> from, Optional<LocalDate> to) {
    public static final List<String> COUNTRIES = List.of("US", "MA");

    /** Parses raw path and query parameters; null means absent. Unknown country or indicator: 404; bad dates: 400. */
    public static EconomicQuery parse(String country, String indicator, String from, String to) {
        String c = country == null ? "" : country.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(c)) {
            throw new NotFoundException("country", "No economic data for country '" + ClientInput.echo(country)
                    + "'. Countries: US, MA (ISO 3166 codes).");
        }
        EconomicIndicator i = Optional.ofNullable(indicator)
                .filter(s -> s.length() <= 32)
                .flatMap(s -> EconomicIndicator.fromWire(s.toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> new NotFoundException("indicator", "No indicator '" + ClientInput.echo(indicator)
                        + "'. Indicators: gdp, inflation, unemployment, policy-rate."));
        Optional<LocalDate> f = date(from, "from");
        Optional<LocalDate> t = date(to, "to");
        if (f.isPresent() && t.isPresent() && f.get().isAfter(t.get())) {
            throw new InvalidParameterException("from", "'from' (" + f.get() + ") must not be after 'to' (" + t.get() + ").");
        }
        return new EconomicQuery(c, i, f, t);
    }

    private static Optional<LocalDate> date(String raw, String parameter) {
        return QueryParameters.date(raw, parameter);
    }
}
