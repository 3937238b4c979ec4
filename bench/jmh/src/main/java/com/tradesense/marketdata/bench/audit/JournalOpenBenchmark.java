package com.tradesense.marketdata.bench.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditJournal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What opening the audit journal costs (take over the writer's lock, find the chain head at the end of the
 * newest segment, cut a torn line) against the number of entries it holds: the start-up work that used to
 * read the whole file. {@code 0} lines is an empty directory, where open creates the first segment.
 * Run: {@code java -jar bench/jmh/target/benchmarks.jar JournalOpen -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JournalOpenBenchmark {
    @Param({"0", "1000", "1000000"})
    public int lines;

    private Path dir;

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("mde-journal-open");
        if (lines > 0) {
            try (AuditJournal j = AuditJournal.open(dir, "w-bench")) {
                Instant at = Instant.now();
                for (int i = 0; i < lines; i++) {
                    j.append(new AuditEvent(at, AuditEvent.Category.DATA_ACCESS, "client-" + (i % 37), "data.ohlcv", "AAPL", "ohlcv",
                            "allowed", "GET /api/v1/market-data/ohlcv/AAPL?interval=1d"));
                }
            }
        }
    }

    /** An empty journal has to be empty at every open: the segment the previous open created goes. */
    @Setup(Level.Invocation)
    public void emptyAgain() throws IOException {
        if (lines == 0) {
            delete(dir);
            Files.createDirectories(dir);
        }
    }

    @Benchmark
    public long open() {
        try (AuditJournal j = AuditJournal.open(dir, "w-bench")) {
            return j.lastSeq();
        }
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
        delete(dir);
    }

    private static void delete(Path d) throws IOException {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> files = Files.walk(d)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
