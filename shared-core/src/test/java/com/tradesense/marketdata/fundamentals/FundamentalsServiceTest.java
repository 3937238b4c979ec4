package com.tradesense.marketdata.fundamentals;

import com.tradesense.marketdata.domain.FundamentalRatiosTest;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.domain.Symbol;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderCapabilities;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.provider.SimulatorMode;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FundamentalsServiceTest {
    static final SymbolMaster SYMBOLS = SymbolMaster.load("test", new StringReader("""
            symbol,name,market,mic,type,currency,isin,sector
            ACME,Acme Corp,NYSE,XNYS,equity,USD,,Industrials
            FUND,Some ETF,NYSE,ARCX,etf,USD,,
            """));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T15:00:00Z"), ZoneOffset.UTC);
    static final Instant BAR_TIME = Instant.parse("2025-11-19T14:30:00Z");

    /** A provider whose answers the test scripts. */
    record Fake(String id, Set<DataType> types, Function<Listing, Fundamentals> fundamentals, Double close) implements Provider {
        @Override
        public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(EnumSet.allOf(Market.class), types, EnumSet.allOf(Interval.class), false, false);
        }

        @Override
        public List<Bar> bars(BarRequest r) {
            if (close == null) {
                throw new ProviderException(id, ProviderException.Reason.UNAVAILABLE, "down");
            }
            return List.of(new Bar(BAR_TIME.toEpochMilli(), close, close, close, close, 100, 1, close));
        }

        @Override
        public Fundamentals fundamentals(Listing l) {
            return fundamentals.apply(l);
        }
    }

    static Fundamentals statementsOnly(Listing l, String provider) {
        return new Fundamentals(new Fundamentals.Profile(l.symbol(), l.name(), l.sector(), "Machinery", "US", 10L, null, null),
                FundamentalRatiosTest.workedExample(), null, "USD", new Source(provider, CacheLayer.NONE, false, CLOCK.instant()));
    }

    static FundamentalsService service(Provider... providers) {
        return new FundamentalsService(SYMBOLS, new ProviderRegistry(List.of(providers), SimulatorMode.AUTO), CLOCK);
    }

    static com.tradesense.marketdata.routing.ProviderRouter router(Provider... providers) {
        return com.tradesense.marketdata.routing.ProviderRouter.basic(new ProviderRegistry(List.of(providers), SimulatorMode.AUTO),
                com.tradesense.marketdata.routing.RouterHealth.withDefaults(CLOCK), com.tradesense.marketdata.ratelimit.ProviderQuotas.unlimited(),
                com.tradesense.marketdata.telemetry.EngineTelemetry.NONE, CLOCK);
    }

    static Function<Listing, Fundamentals> failing(ProviderException.Reason reason) {
        return l -> {
            throw new ProviderException("x", reason, "scripted", reason == ProviderException.Reason.RATE_LIMITED ? Duration.ofSeconds(7) : null, null);
        };
    }

    @Test
    void statementsOnlyGetRatiosDerivedFromTheLatestClose() {
        Fake p = new Fake("vendor", EnumSet.of(DataType.FUNDAMENTALS, DataType.OHLCV), l -> statementsOnly(l, "vendor"), 69.0);
        CompanyFundamentals c = service(p).fundamentals(Symbol.parse("acme"));
        assertThat(c.ratiosDerived()).isTrue();
        assertThat(c.price()).isEqualTo(69.0);
        assertThat(c.priceTime()).isEqualTo(BAR_TIME);
        // the worked example of FundamentalRatiosTest: market cap 690, TTM net income 69
        assertThat(c.fundamentals().ratios().priceToEarnings()).isEqualTo(10.0);
        assertThat(c.fundamentals().profile().marketCap()).isEqualTo(690.0);
        assertThat(c.fundamentals().source().provider()).isEqualTo("vendor");
    }

    @Test
    void ratiosGivenByTheProviderAreKept() {
        Fundamentals.Ratios given = new Fundamentals.Ratios(12.0, null, null, null, null, null, null, null);
        Fake p = new Fake("vendor", EnumSet.of(DataType.FUNDAMENTALS), l -> {
            Fundamentals f = statementsOnly(l, "vendor");
            return new Fundamentals(new Fundamentals.Profile(l.symbol(), l.name(), null, null, "US", 10L, 5.0, null),
                    f.statements(), given, "USD", f.source());
        }, null);
        CompanyFundamentals c = service(p).fundamentals(Symbol.parse("ACME"));
        assertThat(c.ratiosDerived()).isFalse();
        assertThat(c.fundamentals().ratios()).isEqualTo(given);
        assertThat(c.price()).isNull();
    }

    @Test
    void withoutAnyPriceValuationRatiosAreNullButMarginsRemain() {
        Fake p = new Fake("vendor", EnumSet.of(DataType.FUNDAMENTALS), l -> statementsOnly(l, "vendor"), null);
        CompanyFundamentals c = service(p).fundamentals(Symbol.parse("ACME"));
        assertThat(c.fundamentals().ratios().priceToEarnings()).isNull();
        assertThat(c.fundamentals().ratios().netMargin()).isEqualTo(0.15);
    }

    @Test
    void completenessCountsTheProfileFieldsAndStatementKindsTheAnswerHas() {
        Fake full = new Fake("full", EnumSet.of(DataType.FUNDAMENTALS), l -> statementsOnly(l, "full"), null);
        Fake thin = new Fake("thin", EnumSet.of(DataType.FUNDAMENTALS), l -> {
            Fundamentals f = statementsOnly(l, "thin");
            return new Fundamentals(new Fundamentals.Profile(l.symbol(), l.name(), null, " ", "US", null, null, null),
                    f.statements().stream().filter(st -> st.type() == Fundamentals.StatementType.INCOME).toList(), null, "USD", f.source());
        }, null);
        com.tradesense.marketdata.routing.ProviderRouter fullRouter = router(full);
        new FundamentalsService(SYMBOLS, fullRouter, CLOCK).fundamentals(Symbol.parse("ACME"));
        assertThat(fullRouter.quality().score("full", DataType.FUNDAMENTALS).completeness()).isEqualTo(1.0);
        com.tradesense.marketdata.routing.ProviderRouter thinRouter = router(thin);
        new FundamentalsService(SYMBOLS, thinRouter, CLOCK).fundamentals(Symbol.parse("ACME"));
        // name and country of the five profile fields, income of the three statement kinds
        assertThat(thinRouter.quality().score("thin", DataType.FUNDAMENTALS).completeness()).isEqualTo(3.0 / 8);
        assertThat(FundamentalsService.EXPECTED_FIELDS).isEqualTo(8);
    }

    @Test
    void failsOverToTheNextProvider() {
        Fake down = new Fake("down", EnumSet.of(DataType.FUNDAMENTALS), failing(ProviderException.Reason.UNAVAILABLE), null);
        Fake garbage = new Fake("garbage", EnumSet.of(DataType.FUNDAMENTALS), l -> new Fundamentals(null, null, null, null, null), null);
        Fake up = new Fake("up", EnumSet.of(DataType.FUNDAMENTALS, DataType.OHLCV), l -> statementsOnly(l, "up"), 69.0);
        assertThat(service(down, garbage, up).fundamentals(Symbol.parse("ACME")).fundamentals().source().provider()).isEqualTo("up");
    }

    @Test
    void nobodyCoveringIsA404AndFailuresA503WithTheShortestRetryAfter() {
        Fake a = new Fake("a", EnumSet.of(DataType.FUNDAMENTALS), failing(ProviderException.Reason.NOT_COVERED), null);
        assertThatThrownBy(() -> service(a).fundamentals(Symbol.parse("ACME")))
                .isInstanceOf(NotFoundException.class).extracting("parameter").isEqualTo("symbol");
        Fake b = new Fake("b", EnumSet.of(DataType.FUNDAMENTALS), failing(ProviderException.Reason.RATE_LIMITED), null);
        assertThatThrownBy(() -> service(a, b).fundamentals(Symbol.parse("ACME")))
                .isInstanceOf(ServiceUnavailableException.class).extracting("retryAfter").isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> service(new Fake("ohlcv-only", EnumSet.of(DataType.OHLCV), null, 1.0)).fundamentals(Symbol.parse("ACME")))
                .isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void onlyEquitiesAndKnownSymbols() {
        Fake p = new Fake("vendor", EnumSet.of(DataType.FUNDAMENTALS), l -> statementsOnly(l, "vendor"), null);
        assertThatThrownBy(() -> service(p).fundamentals(Symbol.parse("FUND")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("equities only").hasMessageContaining("an ETF");
        assertThatThrownBy(() -> service(p).fundamentals(Symbol.parse("NOPE")))
                .isInstanceOf(NotFoundException.class).extracting("parameter").isEqualTo("symbol");
    }
}
