package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.calendar.MarketStatus;
import com.tradesense.marketdata.rest.IsoTime;

/** {@code GET /markets/{market}/status}. {@code reason} is null unless closed for a holiday. */
public record StatusJson(String market, String status, String session, String reason, String nextOpen,
                         String nextClose, String localTime, String timezone) {
    static StatusJson of(MarketStatus s) {
        return new StatusJson(s.market().name(), s.status().wireName(), s.session().wireName(), s.reason(),
                IsoTime.format(s.nextOpen()), IsoTime.format(s.nextClose()), IsoTime.format(s.localTime()),
                s.timezone().getId());
    }
}
