package com.tradesense.marketdata.stream;

import com.tradesense.marketdata.calendar.MarketPhase;
import com.tradesense.marketdata.domain.Market;

import java.util.List;
import java.util.Objects;

/**
 * A normalized real-time event, as any upstream (the simulator, a provider's WebSocket) publishes it on the
 * bus. Events carry no sequence number: the {@link StreamHub} sequences them per symbol and channel.
 * Times are event times in epoch milliseconds; prices are in the listing's currency, sizes in shares (FX:
 * units of the base currency).
 */
public sealed interface StreamEvent {

    /** The canonical symbol, or for market-wide status/news the market code ({@code NYSE}). */
    String symbol();

    /** Event time, epoch ms. */
    long t();

    Channel channel();

    /** Top of book and last trade; a full value, so the latest one replaces every earlier one. */
    record Level1Quote(String symbol, long t, double bid, long bidSize, double ask, long askSize,
                       double last, long lastSize, long volume) implements StreamEvent {
        public Level1Quote {
            Objects.requireNonNull(symbol, "symbol");
        }

        @Override
        public Channel channel() {
            return Channel.LEVEL1;
        }
    }

    /** One print. {@code side} is the aggressor: {@code buy} lifted the ask, {@code sell} hit the bid. */
    record Trade(String symbol, long t, double price, long size, Side side, long tradeId) implements StreamEvent {
        public Trade {
            Objects.requireNonNull(symbol, "symbol");
            if (size <= 0 || !(price > 0)) {
                throw new IllegalArgumentException("a trade has a positive price and size");
            }
        }

        @Override
        public Channel channel() {
            return Channel.TRADES;
        }
    }

    /** Changes to price levels; a level of size 0 is removed. Applies on top of the book as it was. */
    record BookDelta(String symbol, long t, List<PriceLevel> bids, List<PriceLevel> asks) implements StreamEvent {
        public BookDelta {
            Objects.requireNonNull(symbol, "symbol");
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }

        @Override
        public Channel channel() {
            return Channel.LEVEL2;
        }
    }

    /**
     * The whole book, replacing what came before: an upstream (re)connect or an upstream gap. Sent to
     * clients on the level-2 channel as a sequenced message with {@code "reset":true}.
     */
    record BookSnapshot(String symbol, long t, List<PriceLevel> bids, List<PriceLevel> asks) implements StreamEvent {
        public BookSnapshot {
            Objects.requireNonNull(symbol, "symbol");
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }

        @Override
        public Channel channel() {
            return Channel.LEVEL2;
        }
    }

    /**
     * A market's phase changed (open, close, auctions), or one symbol was halted or resumed. With
     * {@code symbol == null} it applies to the whole market and reaches every symbol of it.
     */
    record StatusChange(String symbol, Market market, long t, MarketPhase status, String reason) implements StreamEvent {
        public StatusChange {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public Channel channel() {
            return Channel.STATUS;
        }
    }

    /** A headline about a symbol, or with {@code symbol == null} about a whole market. */
    record News(String symbol, Market market, long t, String headline, String source) implements StreamEvent {
        public News {
            Objects.requireNonNull(headline, "headline");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public Channel channel() {
            return Channel.NEWS;
        }
    }

    enum Side {
        BUY, SELL;

        public String wireName() {
            return this == BUY ? "buy" : "sell";
        }
    }
}
