package com.tradesense.marketdata.rest.cache;

import com.tradesense.marketdata.cache.BarChunk;
import com.tradesense.marketdata.cache.ChunkKey;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Where the real test servers are (scripts/test-env.sh), and test data. */
final class TestStores {
    private TestStores() {
    }

    static String redisUrl() {
        String env = System.getenv("MDE_TEST_REDIS_URL");
        return env == null || env.isBlank() ? "redis://127.0.0.1:6379" : env;
    }

    static String pgUrl() {
        String host = env("MDE_TEST_PG_HOST", "127.0.0.1");
        String port = env("MDE_TEST_PG_PORT", "5432");
        String db = env("MDE_TEST_PG_DB", "test");
        String user = env("MDE_TEST_PG_USER", "postgres");
        return "postgresql://" + user + "@" + host + ":" + port + "/" + db;
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A month of weekday daily bars at 14:30 UTC with cent prices. */
    static BarChunk month(String symbol, YearMonth m, long asOf, boolean complete) {
        ChunkKey key = new ChunkKey(symbol, Interval.D1, m);
        List<Bar> bars = new ArrayList<>();
        double p = 100 + m.getMonthValue();
        for (int d = 1; d <= m.lengthOfMonth(); d++) {
            java.time.LocalDate day = m.atDay(d);
            if (day.getDayOfWeek().getValue() >= 6) {
                continue;
            }
            long t = day.atTime(14, 30).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            double o = Math.round(p * 100) / 100.0;
            double c = Math.round((p + (d % 3 - 1) * 0.37) * 100) / 100.0;
            bars.add(new Bar(t, o, Math.max(o, c) + 0.5, Math.min(o, c) - 0.25, c, 1_000_000L + d * 1234L,
                    d % 5 == 0 ? Bar.NO_COUNT : 5000 + d, d % 4 == 0 ? Double.NaN : Math.round((o + c) / 2 * 10000) / 10000.0));
            p = c;
        }
        return new BarChunk(key, "simulator", asOf, complete, bars);
    }
}
