package com.tradesense.marketdata.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * A price-level order book of bounded depth: bids sorted high to low, asks low to high, in primitive
 * arrays (no allocation when levels change). Levels pushed past {@link #maxDepth()} fall off the far end.
 * Not thread-safe: the hub mutates it under the symbol's lock.
 */
public final class OrderBook {
    private final int maxDepth;
    private final double[] bidPx;
    private final long[] bidSz;
    private final double[] askPx;
    private final long[] askSz;
    private int bids;
    private int asks;

    public OrderBook(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
        this.maxDepth = maxDepth;
        bidPx = new double[maxDepth];
        bidSz = new long[maxDepth];
        askPx = new double[maxDepth];
        askSz = new long[maxDepth];
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int bidDepth() {
        return bids;
    }

    public int askDepth() {
        return asks;
    }

    public void clear() {
        bids = 0;
        asks = 0;
    }

    /** Makes this book equal to {@code other} (same depth required). */
    public void copyFrom(OrderBook other) {
        if (other.maxDepth != maxDepth) {
            throw new IllegalArgumentException("depth differs");
        }
        System.arraycopy(other.bidPx, 0, bidPx, 0, other.bids);
        System.arraycopy(other.bidSz, 0, bidSz, 0, other.bids);
        System.arraycopy(other.askPx, 0, askPx, 0, other.asks);
        System.arraycopy(other.askSz, 0, askSz, 0, other.asks);
        bids = other.bids;
        asks = other.asks;
    }

    /** Replaces the whole book. */
    public void replace(List<PriceLevel> newBids, List<PriceLevel> newAsks) {
        clear();
        for (PriceLevel l : newBids) {
            set(true, l.price(), l.size());
        }
        for (PriceLevel l : newAsks) {
            set(false, l.price(), l.size());
        }
    }

    /** Applies a delta's levels in order (size 0 removes the level). */
    public void apply(List<PriceLevel> deltaBids, List<PriceLevel> deltaAsks) {
        for (PriceLevel l : deltaBids) {
            set(true, l.price(), l.size());
        }
        for (PriceLevel l : deltaAsks) {
            set(false, l.price(), l.size());
        }
    }

    /** Sets the size at a price on one side; 0 removes the level. */
    public void set(boolean bid, double price, long size) {
        double[] px = bid ? bidPx : askPx;
        long[] sz = bid ? bidSz : askSz;
        int n = bid ? bids : asks;
        int i = 0;
        // bids descend, asks ascend: find the first index where the new price belongs
        while (i < n && (bid ? px[i] > price : px[i] < price)) {
            i++;
        }
        if (i < n && px[i] == price) {
            if (size == 0) {
                System.arraycopy(px, i + 1, px, i, n - i - 1);
                System.arraycopy(sz, i + 1, sz, i, n - i - 1);
                n--;
            } else {
                sz[i] = size;
            }
        } else if (size > 0 && i < maxDepth) {
            int move = Math.min(n, maxDepth - 1) - i;
            if (move > 0) {
                System.arraycopy(px, i, px, i + 1, move);
                System.arraycopy(sz, i, sz, i + 1, move);
            }
            px[i] = price;
            sz[i] = size;
            n = Math.min(n + 1, maxDepth);
        }
        if (bid) {
            bids = n;
        } else {
            asks = n;
        }
    }

    /** Size resting at {@code price} on one side, 0 when there is no such level. */
    public long sizeAt(boolean bid, double price) {
        int i = indexOf(bid ? bidPx : askPx, bid ? bids : asks, price);
        return i < 0 ? 0 : (bid ? bidSz : askSz)[i];
    }

    /** Best bid price, NaN when there are no bids. */
    public double bestBid() {
        return bids == 0 ? Double.NaN : bidPx[0];
    }

    public long bestBidSize() {
        return bids == 0 ? 0 : bidSz[0];
    }

    /** Best ask price, NaN when there are no asks. */
    public double bestAsk() {
        return asks == 0 ? Double.NaN : askPx[0];
    }

    public long bestAskSize() {
        return asks == 0 ? 0 : askSz[0];
    }

    /** True when the best bid is above the best ask: impossible on a real venue, so the data is wrong. */
    public boolean crossed() {
        return bids > 0 && asks > 0 && bidPx[0] > askPx[0];
    }

    /** True when the best bid equals the best ask (possible across venues, suspicious on one). */
    public boolean locked() {
        return bids > 0 && asks > 0 && bidPx[0] == askPx[0];
    }

    public double bidPrice(int level) {
        return bidPx[check(level, bids)];
    }

    public long bidSize(int level) {
        return bidSz[check(level, bids)];
    }

    public double askPrice(int level) {
        return askPx[check(level, asks)];
    }

    public long askSize(int level) {
        return askSz[check(level, asks)];
    }

    private static int check(int level, int n) {
        if (level < 0 || level >= n) {
            throw new IndexOutOfBoundsException(level);
        }
        return level;
    }

    public List<PriceLevel> bids() {
        List<PriceLevel> out = new ArrayList<>(bids);
        for (int i = 0; i < bids; i++) {
            out.add(new PriceLevel(bidPx[i], bidSz[i]));
        }
        return out;
    }

    public List<PriceLevel> asks() {
        List<PriceLevel> out = new ArrayList<>(asks);
        for (int i = 0; i < asks; i++) {
            out.add(new PriceLevel(askPx[i], askSz[i]));
        }
        return out;
    }

    /**
     * The delta that turns this book into {@code target}: changed or new levels with their size, vanished
     * levels with size 0. Applying it to a copy of this book yields {@code target}.
     */
    public StreamEvent.BookDelta diff(String symbol, long t, OrderBook target) {
        return new StreamEvent.BookDelta(symbol, t, sideDiff(bidPx, bidSz, bids, target.bidPx, target.bidSz, target.bids),
                sideDiff(askPx, askSz, asks, target.askPx, target.askSz, target.asks));
    }

    private static List<PriceLevel> sideDiff(double[] px, long[] sz, int n, double[] tpx, long[] tsz, int tn) {
        List<PriceLevel> out = new ArrayList<>();
        // removals first, so that applying in order never pushes a kept level past the depth
        for (int i = 0; i < n; i++) {
            if (indexOf(tpx, tn, px[i]) < 0) {
                out.add(new PriceLevel(px[i], 0));
            }
        }
        for (int i = 0; i < tn; i++) {
            int j = indexOf(px, n, tpx[i]);
            if (j < 0 || sz[j] != tsz[i]) {
                out.add(new PriceLevel(tpx[i], tsz[i]));
            }
        }
        return out;
    }

    private static int indexOf(double[] px, int n, double price) {
        for (int i = 0; i < n; i++) {
            if (px[i] == price) {
                return i;
            }
        }
        return -1;
    }

    /** Same levels on both sides. */
    public boolean sameAs(OrderBook o) {
        if (bids != o.bids || asks != o.asks) {
            return false;
        }
        for (int i = 0; i < bids; i++) {
            if (bidPx[i] != o.bidPx[i] || bidSz[i] != o.bidSz[i]) {
                return false;
            }
        }
        for (int i = 0; i < asks; i++) {
            if (askPx[i] != o.askPx[i] || askSz[i] != o.askSz[i]) {
                return false;
            }
        }
        return true;
    }
}
