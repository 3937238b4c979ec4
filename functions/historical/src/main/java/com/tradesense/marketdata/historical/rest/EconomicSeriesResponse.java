package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.domain.EconomicSeries;
import com.tradesense.marketdata.rest.SourceJson;

import java.util.List;

/** One macro series: observations oldest first, each the value for the period starting (or decision effective) on its date. */
public record EconomicSeriesResponse(String country, String indicator, String title, String unit, String frequency,
                                     List<ObservationJson> observations, SourceJson source) {

    public record ObservationJson(String date, double value) {
    }

    static EconomicSeriesResponse of(EconomicSeries s) {
        return new EconomicSeriesResponse(s.country(), s.indicator().wireName(), s.indicator().title(), s.unit(), s.frequency(),
                s.observations().stream().map(o -> new ObservationJson(o.date().toString(), o.value())).toList(),
                SourceJson.of(s.source()));
    }
}
