package com.tradesense.marketdata.realtime.ws;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionKeysTest {

    @Test
    void behavesLikeAHashSetThroughRandomAddsAndRemoves() {
        SplittableRandom r = new SplittableRandom(7);
        SubscriptionKeys keys = new SubscriptionKeys();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String k = "LEVEL" + r.nextInt(3) + "|S" + r.nextInt(80);
            if (r.nextInt(3) == 0) {
                assertThat(keys.remove(k)).isEqualTo(expected.remove(k));
            } else {
                assertThat(keys.add(k)).isEqualTo(expected.add(k));
            }
            assertThat(keys.size()).isEqualTo(expected.size());
            String probe = "LEVEL" + r.nextInt(3) + "|S" + r.nextInt(80);
            assertThat(keys.contains(probe)).isEqualTo(expected.contains(probe));
        }
        assertThat(new HashSet<>(keys)).isEqualTo(expected);
        keys.clear();
        assertThat(keys).isEmpty();
    }

    @Test
    void connectionsShareOneCopyOfEachKey() {
        SubscriptionKeys a = new SubscriptionKeys();
        SubscriptionKeys b = new SubscriptionKeys();
        a.add(new String("LEVEL1|AAPL"));
        b.add(new String("LEVEL1|AAPL"));
        assertThat(a.iterator().next()).isSameAs(b.iterator().next());
    }
}
