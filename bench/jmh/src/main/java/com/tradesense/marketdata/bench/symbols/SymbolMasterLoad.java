package com.tradesense.marketdata.bench.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.SearchPage;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Load time, retained heap and search latency of the symbol master on a generated million-row file.
 * Targets: load at most 5 s, at most 300 bytes retained per symbol.
 *
 * <pre>java -Xmx2g -cp bench/jmh/target/benchmarks.jar com.tradesense.marketdata.bench.symbols.SymbolMasterLoad [rows]</pre>
 */
public final class SymbolMasterLoad {
    private static final int DEFAULT_ROWS = 1_000_000;
    private static final int LOADS = 5;
    private static final int SEARCH_WARMUP = 20_000;
    private static final int SEARCH_SAMPLES = 20_000;
    private static final double LOAD_TARGET_S = 5.0;
    private static final double HEAP_TARGET_BYTES = 300.0;

    private record Probe(String label, Market market, String q, AssetType type, int limit, boolean secondPage) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROWS;
        Path file = Files.createTempFile("symbols-", ".csv");
        try {
            long t0 = System.nanoTime();
            new SymbolCsvGenerator(20_261_126L).write(file, rows);
            System.out.printf("generated %,d rows, %,d bytes in %.2f s: %s%n", rows, Files.size(file),
                    (System.nanoTime() - t0) / 1e9, file);

            double[] seconds = new double[LOADS];
            for (int i = 0; i < LOADS; i++) {
                long start = System.nanoTime();
                SymbolMaster m = SymbolMaster.load(List.of(file));
                seconds[i] = (System.nanoTime() - start) / 1e9;
                Reference.reachabilityFence(m);
            }
            Arrays.sort(seconds);
            System.out.printf("load: median %.2f s, min %.2f s, max %.2f s over %d loads (target <= %.1f s)%n",
                    seconds[LOADS / 2], seconds[0], seconds[LOADS - 1], LOADS, LOAD_TARGET_S);

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = usedAfterGc(memory);
            SymbolMaster master = SymbolMaster.load(List.of(file));
            long after = usedAfterGc(memory);
            System.out.printf("retained heap: %,d bytes for %,d symbols = %.1f bytes/symbol (target <= %.0f)%n",
                    after - before, master.size(), (after - before) / (double) master.size(), HEAP_TARGET_BYTES);
            System.out.println("count by market: " + master.countByMarket());

            String someSymbol = master.search(Market.NASDAQ, null, null, 1, null).items().get(0).symbol();
            Histogram find = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
            for (int i = 0; i < SEARCH_WARMUP + SEARCH_SAMPLES; i++) {
                long s = System.nanoTime();
                boolean found = master.find(someSymbol).isPresent();
                long e = System.nanoTime();
                if (!found) {
                    throw new IllegalStateException(someSymbol);
                }
                if (i >= SEARCH_WARMUP) {
                    find.recordValue(e - s);
                }
            }
            print("find(" + someSymbol + ")", find, 1);

            List<Probe> probes = List.of(
                    new Probe("ticker prefix 'A', all markets", null, "A", null, 50, false),
                    new Probe("ticker prefix 'AAP'", null, "AAP", null, 50, false),
                    new Probe("name word 'pharmaceuticals'", null, "pharmaceuticals", null, 50, false),
                    new Probe("name prefix 'glo', NASDAQ", Market.NASDAQ, "glo", null, 50, false),
                    new Probe("two words 'global energy'", null, "global energy", null, 50, false),
                    new Probe("short prefix 'ba' second page", null, "ba", null, 100, true),
                    new Probe("accented 'societe generale', CSE", Market.CSE, "societe generale", null, 50, false),
                    new Probe("'banque populaire', CSE equities", Market.CSE, "banque populaire", AssetType.EQUITY, 50, false),
                    new Probe("no query, NYSE etf, limit 1000", Market.NYSE, null, AssetType.ETF, 1000, false),
                    new Probe("no query, all, second page of 100", null, null, null, 100, true),
                    new Probe("no match 'zzzzqx'", null, "zzzzqx", null, 50, false));
            for (Probe p : probes) {
                String cursor = p.secondPage ? master.search(p.market, p.q, p.type, p.limit, null).next() : null;
                Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                int results = 0;
                for (int i = 0; i < SEARCH_WARMUP / 10 + SEARCH_SAMPLES / 10; i++) {
                    long s = System.nanoTime();
                    SearchPage page = master.search(p.market, p.q, p.type, p.limit, cursor);
                    long e = System.nanoTime();
                    results = page.items().size();
                    if (i >= SEARCH_WARMUP / 10) {
                        h.recordValue(e - s);
                    }
                }
                print("search " + p.label + " -> " + results + " items", h, 1000);
            }
            Reference.reachabilityFence(master);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void print(String what, Histogram h, int unit) {
        String u = unit == 1 ? "ns" : "us";
        System.out.printf("%s: p50 %,.1f %s, p99 %,.1f %s, max %,.1f %s (%d samples)%n", what,
                h.getValueAtPercentile(50) / (double) unit, u, h.getValueAtPercentile(99) / (double) unit, u,
                h.getMaxValue() / (double) unit, u, h.getTotalCount());
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) { // a few full collections, so reference processing and cleaners settle
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
