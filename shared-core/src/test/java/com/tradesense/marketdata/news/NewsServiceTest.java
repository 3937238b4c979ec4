package com.tradesense.marketdata.news;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewsServiceTest {
    static final SymbolMaster SYMBOLS = SymbolMaster.load("test", new StringReader("""
            symbol,name,market,mic,type,currency,isin,sector
            AAPL,Apple Inc.,NASDAQ,XNAS,equity,USD,,Information Technology
            ATW.CSE,Attijariwafa Bank,CSE,XCAS,equity,MAD,,Banks
            """));
    static final Instant NOW = Instant.parse("2025-11-20T15:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A news provider for some markets, answering a scripted feed and recording what it was asked. */
    static final class Fake implements Provider {
        final String id;
        final Set<Market> markets;
        final List<NewsItem> feed;
        final RuntimeException failure;
        final List<List<String>> asked = new ArrayList<>();

        Fake(String id, Set<Market> markets, List<NewsItem> feed, RuntimeException failure) {
            this.id = id;
            this.markets = markets;
            this.feed = feed;
            this.failure = failure;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(markets, EnumSet.of(DataType.NEWS), EnumSet.noneOf(Interval.class), false, false);
        }

        @Override
        public List<Bar> bars(BarRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<NewsItem> news(List<Listing> listings, Instant from, int max) {
            asked.add(listings.stream().map(Listing::symbol).toList());
            if (failure != null) {
                throw failure;
            }
            return feed;
        }
    }

    static NewsItem story(Duration ago, String headline, String url, String symbol, String source) {
        return new NewsItem("x", NOW.minus(ago).toEpochMilli(), headline, "s", url, List.of(symbol), List.of(source));
    }

    static NewsService service(Provider... providers) {
        return new NewsService(SYMBOLS, new ProviderRegistry(List.of(providers), SimulatorMode.AUTO), CLOCK);
    }

    @Test
    void feedsOfAllProvidersAreMergedAndEachAskedForItsMarketsOnly() {
        Fake us = new Fake("polygon", EnumSet.of(Market.NASDAQ), List.of(
                story(Duration.ofHours(1), "Apple unveils new iPhone lineup today", "https://www.example.com/apple-iphone", "AAPL", "polygon"),
                story(Duration.ofHours(3), "Apple supplier shares jump in Asia", "https://example.com/suppliers", "AAPL", "polygon")), null);
        Fake both = new Fake("finnhub", EnumSet.of(Market.NASDAQ, Market.CSE), List.of(
                story(Duration.ofHours(2), "Apple unveils new iPhone lineup", "https://example.com/apple-iphone/?utm_source=x", "AAPL", "finnhub"),
                story(Duration.ofMinutes(30), "Attijariwafa Bank reports higher net income", "https://example.ma/atw", "ATW.CSE", "finnhub")), null);
        NewsPage page = service(us, both).news(NewsQuery.parse("AAPL,ATW.CSE", null, null));
        assertThat(page.items()).extracting(NewsItem::headline).containsExactly(
                "Attijariwafa Bank reports higher net income", "Apple unveils new iPhone lineup today", "Apple supplier shares jump in Asia");
        assertThat(page.items().get(1).sources()).containsExactly("polygon", "finnhub");
        assertThat(page.items().get(1).t()).isEqualTo(NOW.minus(Duration.ofHours(2)).toEpochMilli());
        assertThat(page.source().provider()).isEqualTo("polygon,finnhub");
        assertThat(us.asked).containsExactly(List.of("AAPL"));
        assertThat(both.asked).containsExactly(List.of("AAPL", "ATW.CSE"));
        assertThat(page.from()).isEqualTo(NOW.minus(NewsService.DEFAULT_LOOKBACK));
    }

    @Test
    void aFailingProviderIsToleratedWhileAnotherAnswers() {
        Fake down = new Fake("down", EnumSet.allOf(Market.class), List.of(), new ProviderException("down", ProviderException.Reason.UNAVAILABLE, "x"));
        Fake up = new Fake("up", EnumSet.allOf(Market.class), List.of(story(Duration.ofHours(1), "Apple opens new campus in Austin", "https://e.com/1", "AAPL", "up")), null);
        NewsPage page = service(down, up).news(NewsQuery.parse("AAPL", null, null));
        assertThat(page.items()).hasSize(1);
        assertThat(page.source().provider()).isEqualTo("up");
    }

    @Test
    void aProviderWhoseCircuitIsOpenIsNoLongerAskedForNews() {
        Fake down = new Fake("down", EnumSet.allOf(Market.class), List.of(),
                new ProviderException("down", ProviderException.Reason.UNAVAILABLE, "connection refused"));
        Fake up = new Fake("up", EnumSet.allOf(Market.class), List.of(story(Duration.ofHours(1), "Apple opens new campus in Austin", "https://e.com/1", "AAPL", "up")), null);
        ProviderRegistry registry = new ProviderRegistry(List.of(down, up), SimulatorMode.AUTO);
        com.tradesense.marketdata.routing.RouterHealth health = com.tradesense.marketdata.routing.RouterHealth.withDefaults(CLOCK);
        NewsService svc = new NewsService(SYMBOLS, com.tradesense.marketdata.routing.ProviderRouter.basic(registry, health,
                com.tradesense.marketdata.ratelimit.ProviderQuotas.unlimited(), com.tradesense.marketdata.telemetry.EngineTelemetry.NONE, CLOCK), CLOCK);
        for (int i = 0; i < 5; i++) {
            assertThat(svc.news(NewsQuery.parse("AAPL", null, null)).source().provider()).isEqualTo("up");
        }
        assertThat(down.asked).hasSize(3); // a call and its retry, then the third failure opens the circuit
        assertThat(health.of("down").snapshot().skippedOpenCircuit()).isEqualTo(3);
    }

    @Test
    void allFailingIsA503WithRetryAfter() {
        Fake limited = new Fake("limited", EnumSet.allOf(Market.class), List.of(),
                new ProviderException("limited", ProviderException.Reason.RATE_LIMITED, "quota", Duration.ofSeconds(12), null));
        assertThatThrownBy(() -> service(limited).news(NewsQuery.parse("AAPL", null, null)))
                .isInstanceOf(ServiceUnavailableException.class).extracting("retryAfter").isEqualTo(Duration.ofSeconds(12));
        assertThatThrownBy(() -> service().news(NewsQuery.parse("AAPL", null, null))).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void garbageNeverReachesTheClient() {
        Fake messy = new Fake("messy", EnumSet.allOf(Market.class), java.util.Arrays.asList(
                null,
                story(Duration.ofHours(1), "  ", "https://e.com/blank", "AAPL", "messy"),
                story(Duration.ofHours(-2), "A story from the future about Apple", "https://e.com/future", "AAPL", "messy"),
                story(Duration.ofDays(400), "A story older than from about Apple", "https://e.com/old", "AAPL", "messy"),
                new NewsItem("x", NOW.minus(Duration.ofHours(1)).toEpochMilli(), "Apple story without sources or symbols", null, null, null, null)), null);
        NewsPage page = service(messy).news(NewsQuery.parse("AAPL", null, null));
        assertThat(page.items()).singleElement().satisfies(n -> {
            assertThat(n.headline()).isEqualTo("Apple story without sources or symbols");
            assertThat(n.sources()).containsExactly("messy");
            assertThat(n.symbols()).isEmpty();
        });
    }

    @Test
    void limitCutsTheMergedFeedNewestFirst() {
        List<NewsItem> feed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            feed.add(story(Duration.ofHours(i + 1), "Distinct Apple story number " + i, "https://e.com/" + i, "AAPL", "p"));
        }
        Fake p = new Fake("p", EnumSet.allOf(Market.class), feed, null);
        NewsPage page = service(p).news(NewsQuery.parse("AAPL", null, "5"));
        assertThat(page.items()).extracting(NewsItem::headline)
                .containsExactly("Distinct Apple story number 0", "Distinct Apple story number 1", "Distinct Apple story number 2",
                        "Distinct Apple story number 3", "Distinct Apple story number 4");
    }

    @Test
    void unknownSymbolsAre404NamingSymbols() {
        Fake p = new Fake("p", EnumSet.allOf(Market.class), List.of(), null);
        assertThatThrownBy(() -> service(p).news(NewsQuery.parse("AAPL,MSFT", null, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("MSFT").extracting("parameter").isEqualTo("symbols");
    }
}
