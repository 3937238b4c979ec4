package com.tradesense.marketdata.status.rest;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.PhaseTime;
import com.tradesense.marketdata.calendar.SessionTemplate;
import com.tradesense.marketdata.domain.Market;

import java.util.List;

/** A market as {@code GET /markets} lists it. Session times are local to {@code sessionTimezone}. */
public record MarketJson(String market, String name, String mic, String timezone, String sessionTimezone,
                         String currency, String country, List<SessionJson> sessions) {

    public record SessionJson(String name, List<PhaseJson> phases) {
    }

    public record PhaseJson(String phase, String start, String end) {
    }

    static MarketJson of(MarketCalendar calendar) {
        Market m = calendar.market();
        List<SessionJson> sessions = calendar.sessionTemplates().stream().map(MarketJson::session).toList();
        // FX data is stamped in UTC but its week is defined in New York time
        String sessionZone = m == Market.FX ? "America/New_York" : m.zone().getId();
        return new MarketJson(m.name(), m.displayName(), m.mic(), m.zone().getId(), sessionZone, m.currency(), m.country(), sessions);
    }

    private static SessionJson session(SessionTemplate t) {
        return new SessionJson(t.name(), t.phases().stream().map(MarketJson::phase).toList());
    }

    private static PhaseJson phase(PhaseTime p) {
        return new PhaseJson(p.phase().wireName(), p.start().toString(), p.end().toString());
    }
}
