package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.provider.vendor.FakeVendor;
import com.tradesense.marketdata.provider.vendor.FakeVendor.Answer;
import com.tradesense.marketdata.provider.vendor.PolygonProvider;
import com.tradesense.marketdata.provider.vendor.VendorConfig;
import com.tradesense.marketdata.provider.vendor.YahooChartProvider;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corporate actions: the exchange's own record wins over a vendor's copy of the same action (same kind,
 * same ex-date), whatever the routing order; actions only a vendor has are kept. Both sides are real
 * adapters against HTTP fakes; the exchange is the Polygon adapter flagged as the exchange's own feed
 * ({@link Provider#isExchange()}), standing in until the Bourse de Casablanca adapter exists.
 */
class ExchangeWinsTest {
    private static final MarketCalendars CALENDARS = MarketCalendars.standard();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    /** Yahoo's GS chart has a 4:1 split on 2023-10-03 and a 2.75 dividend with ex-date 2023-10-04. */
    private final FakeVendor yahoo = new FakeVendor().on("/v8/finance/chart/GS", Answer.json(200, "yahoo/chart_gs_1d.json"));
    /** The "exchange" says the dividend of 2023-10-04 was 2.70 (shaped like Polygon's dividends payload). */
    private final FakeVendor exchange = new FakeVendor()
            .on("/v3/reference/splits", new Answer(200, "{\"results\":[],\"status\":\"OK\",\"request_id\":\"a\"}", "application/json",
                    Duration.ZERO, Map.of()))
            .on("/v3/reference/dividends", new Answer(200, """
                    {"results":[{"cash_amount":2.70,"currency":"USD","declaration_date":"2023-09-15","dividend_type":"CD",
                     "ex_dividend_date":"2023-10-04","frequency":4,"id":"E1","pay_date":"2023-10-27","record_date":"2023-10-05",
                     "ticker":"GS"}],"status":"OK","request_id":"b"}""", "application/json", Duration.ZERO, Map.of()));

    @AfterEach
    void stop() {
        yahoo.stop();
        exchange.stop();
    }

    /** A real adapter whose data is the exchange's own. */
    private record Official(Provider delegate) implements Provider {
        @Override public String id() { return "exchange"; }
        @Override public ProviderCapabilities capabilities() { return delegate.capabilities(); }
        @Override public boolean isExchange() { return true; }
        @Override public List<Bar> bars(BarRequest request) { return delegate.bars(request); }
        @Override public List<CorporateAction> corporateActions(Listing listing, LocalDate from, LocalDate to) {
            return delegate.corporateActions(listing, from, to);
        }
    }

    @Test
    void theExchangesRecordOfAnActionWinsOverAVendorsCopy() {
        Provider vendor = new YahooChartProvider(new VendorConfig("yahoo", null, URI.create(yahoo.baseUrl()), 10, Duration.ofSeconds(2)),
                CALENDARS, CLOCK, false);
        Provider official = new Official(new PolygonProvider(
                new VendorConfig("polygon", "k", URI.create(exchange.baseUrl()), 90, Duration.ofSeconds(2)), CALENDARS, CLOCK));
        ProviderRegistry registry = new ProviderRegistry(List.of(vendor, official), SimulatorMode.OFF); // the vendor first
        ProviderRouter router = ProviderRouter.basic(registry, RouterHealth.withDefaults(CLOCK), ProviderQuotas.unlimited(),
                EngineTelemetry.NONE, CLOCK);
        CorporateActionsService.Result r = new CorporateActionsService(CLOCK, router)
                .actions(SymbolMaster.standard().find("GS").orElseThrow(), LocalDate.of(2023, 10, 1), LocalDate.of(2023, 10, 31));

        assertThat(r.actions()).hasSize(2);
        assertThat(r.actions()).filteredOn(a -> a instanceof CorporateAction.CashDividend).singleElement().satisfies(a -> {
            CorporateAction.CashDividend d = (CorporateAction.CashDividend) a;
            assertThat(d.amount()).isEqualTo(2.70);
            assertThat(d.exDate()).isEqualTo(LocalDate.of(2023, 10, 4));
        });
        assertThat(r.actions()).filteredOn(a -> a instanceof CorporateAction.Split).singleElement()
                .satisfies(a -> assertThat(((CorporateAction.Split) a).ratio()).isEqualTo(4.0)); // only the vendor has it
        assertThat(r.source().provider()).isEqualTo("exchange+yahoo");
    }
}
