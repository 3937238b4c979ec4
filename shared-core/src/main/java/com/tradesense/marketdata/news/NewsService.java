package com.tradesense.marketdata.news;

import com.tradesense.marketdata.routing.Criticality;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.domain.CacheLayer;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.domain.Source;
import com.tradesense.marketdata.domain.Symbol;
import com.tradesense.marketdata.provider.Provider;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * News about symbols, or market-wide: unlike bars, stories are complementary across providers, so
 * every provider that serves news for one of the symbols' markets is asked, and their feeds are merged
 * by {@link NewsDeduplicator}. Items that are not news (no headline, published in the future, before
 * {@code from}) are dropped on the way. A provider failing is tolerated while another answers.
 */
public final class NewsService {
    /** How far back the feed reaches when the client gives no {@code from}. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);
    /** Publication times this far ahead of our clock are accepted as clock skew; later ones are garbage. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_HEADLINE_LENGTH = 1_000;
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    /** Each provider is asked for this much more than the limit, so duplicates merged away still leave a full page. */
    private static final double OVERFETCH = 1.5;
    private static final int OVERFETCH_MIN = 10;

    private final SymbolMaster symbols;
    private final ProviderRouter router;
    private final Clock clock;

    public NewsService(SymbolMaster symbols, ProviderRegistry providers, Clock clock) {
        this(symbols, ProviderRouter.basic(providers, RouterHealth.NONE, ProviderQuotas.unlimited(), EngineTelemetry.NONE, clock), clock);
    }

    /** @param router orders the providers and guards every call */
    public NewsService(SymbolMaster symbols, ProviderRouter router, Clock clock) {
        this.symbols = symbols;
        this.router = router;
        this.clock = clock;
    }

    public NewsPage news(NewsQuery q) {
        List<Listing> listings = new ArrayList<>(q.symbols().size());
        for (Symbol s : q.symbols()) {
            listings.add(symbols.find(s).orElseThrow(() -> new NotFoundException("symbols",
                    "No listing '" + s.value() + "'. Find symbols with GET /api/v1/markets/{market}/symbols?q=")));
        }
        Instant now = clock.instant();
        Instant from = q.from().orElse(now.minus(DEFAULT_LOOKBACK));
        Set<Market> markets = listings.isEmpty() ? Set.of(Market.values())
                : listings.stream().map(Listing::market).collect(Collectors.toSet());

        // each provider, in priority order, with the listings of the markets it serves news for
        Map<Provider, List<Listing>> asks = new LinkedHashMap<>();
        for (Market m : Market.values()) {
            if (!markets.contains(m)) {
                continue;
            }
            for (Provider p : router.order(m, DataType.NEWS, null, Criticality.ROUTINE)) {
                List<Listing> mine = asks.computeIfAbsent(p, k -> new ArrayList<>());
                listings.stream().filter(l -> l.market() == m).forEach(mine::add);
            }
        }
        if (asks.isEmpty()) {
            throw new ServiceUnavailableException("No provider serves news for these symbols.", DEFAULT_RETRY_AFTER);
        }
        List<List<NewsItem>> feeds = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        Instant asOf = null;
        Duration retryAfter = null;
        int ask = (int) Math.ceil(q.limit() * OVERFETCH) + OVERFETCH_MIN;
        for (Map.Entry<Provider, List<Listing>> entry : asks.entrySet()) {
            Provider p = entry.getKey();
            try {
                List<NewsItem> items = router.invoke(p, DataType.NEWS, () -> p.news(entry.getValue(), from, ask));
                if (items == null) {
                    continue;
                }
                feeds.add(sane(items, from, now, p.id()));
                answered.add(p.id());
                asOf = asOf == null ? clock.instant() : asOf;
            } catch (ProviderException e) {
                if (e.retryAfter() != null && (retryAfter == null || e.retryAfter().compareTo(retryAfter) < 0)) {
                    retryAfter = e.retryAfter();
                }
            }
        }
        if (answered.isEmpty()) {
            throw new ServiceUnavailableException("No provider could serve news right now.",
                    retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter);
        }
        List<NewsItem> merged = NewsDeduplicator.merge(feeds);
        if (merged.size() > q.limit()) {
            merged = merged.subList(0, q.limit());
        }
        Source source = new Source(String.join(",", answered), CacheLayer.NONE, false, asOf);
        return new NewsPage(q.symbols().stream().map(Symbol::value).toList(), from, List.copyOf(merged), source);
    }

    /** The items worth passing on: a headline, a time in [from, now + skew]; the provider named among the sources. */
    private List<NewsItem> sane(List<NewsItem> items, Instant from, Instant now, String provider) {
        long min = from.toEpochMilli();
        long max = now.plus(CLOCK_SKEW).toEpochMilli();
        List<NewsItem> out = new ArrayList<>(items.size());
        for (NewsItem n : items) {
            if (n == null || n.headline() == null || n.headline().isBlank() || n.t() < min || n.t() > max) {
                continue;
            }
            String headline = n.headline().strip();
            if (headline.length() > MAX_HEADLINE_LENGTH) {
                headline = headline.substring(0, MAX_HEADLINE_LENGTH) + "…";
            }
            List<String> sources = n.sources() == null || n.sources().isEmpty() ? List.of(provider) : n.sources();
            out.add(new NewsItem(n.id(), n.t(), headline, n.summary(), n.url(),
                    n.symbols() == null ? List.of() : n.symbols(), sources));
        }
        return out;
    }
}
