package com.tradesense.marketdata.economy;

import com.tradesense.marketdata.domain.EconomicIndicator;
import com.tradesense.marketdata.domain.EconomicSeries.Observation;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.NotFoundException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EconomicQueryTest {

    @Test
    void countryAndIndicatorAreCaseInsensitive() {
        EconomicQuery q = EconomicQuery.parse("ma", "Policy-Rate", "2020-01-01", "2020-01-01");
        assertThat(q.country()).isEqualTo("MA");
        assertThat(q.indicator()).isEqualTo(EconomicIndicator.POLICY_RATE);
        assertThat(q.from()).contains(LocalDate.of(2020, 1, 1));
    }

    @Test
    void unknownsAre404sAndBadDates400sNamingTheParameter() {
        assertThatThrownBy(() -> EconomicQuery.parse("FR", "gdp", null, null)).isInstanceOf(NotFoundException.class)
                .extracting("parameter").isEqualTo("country");
        assertThatThrownBy(() -> EconomicQuery.parse("US", "cpi", null, null)).isInstanceOf(NotFoundException.class)
                .extracting("parameter").isEqualTo("indicator");
        assertThatThrownBy(() -> EconomicQuery.parse("US", "gdp", "2020-13-01", null)).isInstanceOf(InvalidParameterException.class)
                .extracting("parameter").isEqualTo("from");
        assertThatThrownBy(() -> EconomicQuery.parse("US", "gdp", "2021-01-01", "2020-01-01")).isInstanceOf(InvalidParameterException.class)
                .extracting("parameter").isEqualTo("from");
    }

    @Test
    void providerSeriesAreCleanedBeforeServing() {
        LocalDate d1 = LocalDate.of(2020, 1, 1);
        LocalDate d2 = LocalDate.of(2020, 2, 1);
        List<Observation> raw = java.util.Arrays.asList(new Observation(d2, 2.0), null, new Observation(d1, Double.NaN),
                new Observation(d1, 1.0), new Observation(d2, 2.5), new Observation(null, 3.0),
                new Observation(LocalDate.of(2020, 3, 1), Double.POSITIVE_INFINITY));
        assertThat(EconomyService.clean(raw)).containsExactly(new Observation(d1, 1.0), new Observation(d2, 2.5));
    }
}
