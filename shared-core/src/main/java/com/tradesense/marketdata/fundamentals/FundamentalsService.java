package com.tradesense.marketdata.fundamentals;

import com.tradesense.marketdata.domain.FundamentalRatios;
import com.tradesense.marketdata.routing.Criticality;
import com.tradesense.marketdata.routing.NoProviderAnswered;
import com.tradesense.marketdata.routing.ProviderRouter;
import com.tradesense.marketdata.routing.RouterHealth;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.NotFoundException;
import com.tradesense.marketdata.domain.ServiceUnavailableException;
import com.tradesense.marketdata.domain.Symbol;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.ratelimit.ProviderQuotas;
import com.tradesense.marketdata.telemetry.EngineTelemetry;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Profile, statements and ratios of an equity: asks the providers that cover its market in priority
 * order until one answers, and derives the ratios from the statements and the latest close when the
 * provider reports statements only.
 */
public final class FundamentalsService {
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    /** How far back to look for the latest daily close: covers the longest market closure (Eid + weekend). */
    private static final Duration PRICE_LOOKBACK = Duration.ofDays(14);

    private final SymbolMaster symbols;
    private final ProviderRouter router;
    private final Clock clock;

    public FundamentalsService(SymbolMaster symbols, ProviderRegistry providers, Clock clock) {
        this(symbols, ProviderRouter.basic(providers, RouterHealth.NONE, ProviderQuotas.unlimited(), EngineTelemetry.NONE, clock), clock);
    }

    /** @param router orders the providers and guards every call */
    public FundamentalsService(SymbolMaster symbols, ProviderRouter router, Clock clock) {
        this.symbols = symbols;
        this.router = router;
        this.clock = clock;
    }

    public CompanyFundamentals fundamentals(Symbol symbol) {
        Listing listing = symbols.find(symbol).orElseThrow(() -> new NotFoundException("symbol",
                "No listing '" + symbol.value() + "'. Find symbols with GET /api/v1/markets/{market}/symbols?q="));
        if (listing.type() != AssetType.EQUITY) {
            throw new NotFoundException("symbol", "Fundamentals exist for equities only; " + listing.symbol() + " is "
                    + article(listing.type()) + ".");
        }
        ProviderRouter.Answer<Fundamentals> answer;
        try {
            answer = router.first(listing.market(), DataType.FUNDAMENTALS, null, Criticality.ROUTINE, p -> {
                Fundamentals got = p.fundamentals(listing);
                if (got == null || got.profile() == null || got.statements() == null || got.source() == null) {
                    throw new ProviderException(p.id(), ProviderException.Reason.BAD_RESPONSE, "fundamentals without profile or statements");
                }
                return got;
            });
        } catch (NoProviderAnswered e) {
            if (e.asked() == 0) {
                throw new ServiceUnavailableException("No provider serves fundamentals for " + listing.market() + ".", DEFAULT_RETRY_AFTER);
            }
            if (e.onlyNotCovered()) {
                throw new NotFoundException("symbol", "No provider has fundamentals for " + listing.symbol() + ".");
            }
            throw new ServiceUnavailableException("No provider could serve fundamentals for " + listing.symbol() + " right now.",
                    e.retryAfterOr(DEFAULT_RETRY_AFTER));
        }
        Fundamentals f = answer.value();
        router.quality().completeness(answer.provider().id(), DataType.FUNDAMENTALS, fieldsPresent(f), EXPECTED_FIELDS);
        return complete(listing, f);
    }

    /** Profile fields and statement kinds a complete answer has (market cap and ratios are derived when missing). */
    static final int EXPECTED_FIELDS = 5 + Fundamentals.StatementType.values().length;

    /** How many of the {@link #EXPECTED_FIELDS} the answer has: name, sector, industry, country, shares, one statement of each kind. */
    static int fieldsPresent(Fundamentals f) {
        Fundamentals.Profile p = f.profile();
        int n = 0;
        for (Object field : new Object[]{p.name(), p.sector(), p.industry(), p.country(), p.sharesOutstanding()}) {
            if (field != null && !(field instanceof String s && s.isBlank())) {
                n++;
            }
        }
        for (Fundamentals.StatementType type : Fundamentals.StatementType.values()) {
            if (f.statements().stream().anyMatch(st -> st != null && st.type() == type)) {
                n++;
            }
        }
        return n;
    }

    /** Fills what the provider left out: the ratios (from statements and price) and the market cap. */
    private CompanyFundamentals complete(Listing listing, Fundamentals f) {
        Fundamentals.Profile profile = f.profile();
        boolean needRatios = f.ratios() == null;
        boolean needCap = profile.marketCap() == null && profile.sharesOutstanding() != null;
        if (!needRatios && !needCap) {
            return new CompanyFundamentals(listing, f, false, null, null);
        }
        Bar last = latestDailyBar(listing);
        Double price = last == null ? null : last.c();
        if (needCap && price != null) {
            profile = new Fundamentals.Profile(profile.symbol(), profile.name(), profile.sector(), profile.industry(),
                    profile.country(), profile.sharesOutstanding(), price * profile.sharesOutstanding(), profile.description());
        }
        Fundamentals.Ratios ratios = needRatios ? FundamentalRatios.derive(f.statements(), price, profile.sharesOutstanding()) : f.ratios();
        Fundamentals completed = new Fundamentals(profile, f.statements(), ratios, f.currency(), f.source());
        return new CompanyFundamentals(listing, completed, needRatios, price, last == null ? null : Instant.ofEpochMilli(last.t()));
    }

    /** The latest daily bar from the first OHLCV provider that has one, or null. */
    private Bar latestDailyBar(Listing listing) {
        Instant now = clock.instant();
        try {
            return router.first(listing.market(), DataType.OHLCV, Interval.D1, Criticality.CRITICAL, p -> {
                List<Bar> bars = p.bars(new BarRequest(listing, Interval.D1, now.minus(PRICE_LOOKBACK), now, false));
                if (bars.isEmpty() || bars.get(bars.size() - 1).c() <= 0) {
                    throw new ProviderException(p.id(), ProviderException.Reason.NOT_COVERED, "no recent daily close");
                }
                return bars.get(bars.size() - 1);
            }).value();
        } catch (NoProviderAnswered e) {
            return null; // without any price only the valuation ratios are left null
        }
    }

    private static String article(AssetType type) {
        return switch (type) {
            case ETF -> "an ETF";
            case INDEX -> "an index";
            case CURRENCY_PAIR -> "a currency pair";
            case EQUITY -> "an equity";
        };
    }
}
