package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Tick;

import java.util.List;

/**
 * Splits a simulated minute bar into the trade prints that make it: {@code n} prints at increasing
 * milliseconds, the first at the open, the last at the close, one at the high and one at the low
 * (when there are enough prints), the others in between; sizes sum to the bar's volume.
 */
final class TickSplitter {
    private static final long PRINT_SALT = 0x7ade_7adeL;

    private TickSplitter() {
    }

    static void fill(Bar m, long seed, String venue, List<Tick> out) {
        int n = (int) Math.max(1, Math.min(m.n(), m.v()));
        long s = seed ^ CounterRandom.mix(PRINT_SALT + m.t());
        long remaining = m.v();
        int highAt = n >= 3 ? 1 + (int) (CounterRandom.uniform(s, 1) * (n - 2)) : -1;
        int lowAt = n >= 4 ? (highAt + 1 + (int) (CounterRandom.uniform(s, 2) * (n - 3))) % (n - 1) : -1;
        if (lowAt == 0 || lowAt == highAt) {
            lowAt = -1;
        }
        long spacing = 60_000L / n;
        double perUnit = m.c() < 1 ? 10_000 : 100; // ticks of 0.0001 below 1, else 0.01
        for (int i = 0; i < n; i++) {
            double p;
            if (i == 0) {
                p = m.o();
            } else if (i == n - 1) {
                p = m.c();
            } else if (i == highAt) {
                p = m.h();
            } else if (i == lowAt) {
                p = m.l();
            } else {
                double u = CounterRandom.uniform(s, 10 + i);
                p = Math.round((m.l() + u * (m.h() - m.l())) * perUnit) / perUnit;
                p = Math.min(m.h(), Math.max(m.l(), p));
            }
            long size = i == n - 1 ? remaining : Math.max(1, Math.min(remaining - (n - 1 - i),
                    Math.round(m.v() / (double) n * (0.4 + 1.2 * CounterRandom.uniform(s, 100 + i)))));
            remaining -= size;
            long t = m.t() + i * spacing + (long) (CounterRandom.uniform(s, 200 + i) * Math.max(1, spacing - 1));
            out.add(new Tick(t, p, size, venue, null));
        }
    }
}
