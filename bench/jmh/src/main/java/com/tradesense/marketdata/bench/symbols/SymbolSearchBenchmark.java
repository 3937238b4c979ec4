package com.tradesense.marketdata.bench.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.symbols.SearchPage;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * First page (50 items) of typical searches on a generated million-listing master.
 *
 * <pre>java -jar bench/jmh/target/benchmarks.jar SymbolSearchBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class SymbolSearchBenchmark {
    private static final int ROWS = 1_000_000;
    private static final int PAGE = 50;

    /** market|q|type; empty parts are null. */
    @Param({"|A|", "|AAP|", "|pharmaceuticals|", "NASDAQ|glo|", "|global energy|", "CSE|societe generale|",
            "|corp ltd|", "NYSE||etf"})
    public String search;

    private SymbolMaster master;
    private Market market;
    private String query;
    private AssetType type;
    private String symbol;

    @Setup
    public void setUp() throws Exception {
        Path file = Files.createTempFile("symbols-", ".csv");
        try {
            new SymbolCsvGenerator(20_261_126L).write(file, ROWS);
            master = SymbolMaster.load(List.of(file));
        } finally {
            Files.deleteIfExists(file);
        }
        String[] p = search.split("\\|", -1);
        market = p[0].isEmpty() ? null : Market.valueOf(p[0]);
        query = p[1].isEmpty() ? null : p[1];
        type = p[2].isEmpty() ? null : AssetType.fromWire(p[2]).orElseThrow();
        symbol = master.search(Market.NYSE, null, null, 1).items().get(0).symbol();
    }

    @Benchmark
    public SearchPage firstPage() {
        return master.search(market, query, type, PAGE, null);
    }

    @Benchmark
    public boolean find() {
        return master.contains(symbol);
    }
}
