package com.tradesense.marketdata.stream;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OrderBookTest {

    @Test
    void keepsBidsDescendingAndAsksAscendingWithinDepth() {
        OrderBook b = new OrderBook(3);
        b.set(true, 10.00, 100);
        b.set(true, 10.02, 200);
        b.set(true, 10.01, 300);
        b.set(true, 9.99, 400); // beyond depth 3: falls off
        assertThat(b.bids()).containsExactly(new PriceLevel(10.02, 200), new PriceLevel(10.01, 300), new PriceLevel(10.00, 100));
        b.set(false, 10.05, 100);
        b.set(false, 10.03, 100);
        assertThat(b.asks()).extracting(PriceLevel::price).containsExactly(10.03, 10.05);
        b.set(true, 10.01, 0);
        assertThat(b.bids()).extracting(PriceLevel::price).containsExactly(10.02, 10.00);
        b.set(true, 10.02, 50);
        assertThat(b.bestBid()).isEqualTo(10.02);
        assertThat(b.bestBidSize()).isEqualTo(50);
        b.set(true, 10.04, 0); // removing a level that is not there changes nothing
        assertThat(b.bidDepth()).isEqualTo(2);
    }

    @Test
    void detectsCrossedAndLockedBooks() {
        OrderBook b = new OrderBook(5);
        b.set(true, 10.00, 1);
        b.set(false, 10.01, 1);
        assertThat(b.crossed()).isFalse();
        assertThat(b.locked()).isFalse();
        b.set(true, 10.01, 1);
        assertThat(b.locked()).isTrue();
        assertThat(b.crossed()).isFalse();
        b.set(true, 10.02, 1);
        assertThat(b.crossed()).isTrue();
    }

    @Test
    void aDiffAppliedToTheOldBookGivesTheNewOne() {
        SplittableRandom r = new SplittableRandom(7);
        OrderBook a = new OrderBook(10);
        OrderBook t = new OrderBook(10);
        for (int round = 0; round < 500; round++) {
            t.clear();
            double mid = 100 + r.nextInt(20) * 0.01;
            for (int i = 0; i < 10; i++) {
                if (r.nextInt(4) > 0) {
                    t.set(true, Math.round((mid - 0.01 * (i + 1)) * 100) / 100.0, 1 + r.nextInt(5));
                }
                if (r.nextInt(4) > 0) {
                    t.set(false, Math.round((mid + 0.01 * (i + 1)) * 100) / 100.0, 1 + r.nextInt(5));
                }
            }
            StreamEvent.BookDelta d = a.diff("X", 0, t);
            OrderBook applied = new OrderBook(10);
            applied.copyFrom(a);
            applied.apply(d.bids(), d.asks());
            assertThat(applied.sameAs(t)).as("round %d", round).isTrue();
            a.copyFrom(t);
        }
    }

    @Test
    void replaceSetsTheWholeBook() {
        OrderBook b = new OrderBook(4);
        b.set(true, 1.0, 1);
        b.replace(List.of(new PriceLevel(2.0, 5)), List.of(new PriceLevel(2.1, 6), new PriceLevel(2.2, 7)));
        assertThat(b.bids()).containsExactly(new PriceLevel(2.0, 5));
        assertThat(b.asks()).hasSize(2);
    }
}
