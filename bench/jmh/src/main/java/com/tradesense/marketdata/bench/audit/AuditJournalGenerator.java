package com.tradesense.marketdata.bench.audit;

import com.tradesense.marketdata.audit.AuditEvent;
import com.tradesense.marketdata.audit.AuditJournal;
import com.tradesense.marketdata.audit.JournalSegment;
import com.tradesense.marketdata.audit.JournalSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes an audit journal shaped like a day of benchmark traffic, for {@code bench/audit-startup.sh}: data
 * access entries of a few dozen clients over the last 20 hours, through the engine's own journal (so the
 * hash chain is real). Layout {@code segments} (what the engine writes: 64 MiB segments) or {@code single}
 * (one file {@code audit-<writer>.log}, the layout before segments, which an engine takes over).
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar com.tradesense.marketdata.bench.audit.AuditJournalGenerator DIR LINES [segments|single]</pre>
 */
public final class AuditJournalGenerator {
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "TSLA", "NVDA", "IAM", "ATW", "BCP", "USD/MAD", "EUR/MAD", "SPY"};
    private static final Duration SPREAD = Duration.ofHours(20);

    private AuditJournalGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long lines = Long.parseLong(args[1]);
        boolean single = args.length > 2 && args[2].equals("single");
        String writer = "w-bench000";
        long t0 = System.nanoTime();
        Instant start = Instant.now().minus(SPREAD);
        long stepNanos = SPREAD.toNanos() / Math.max(1, lines);
        JournalSettings settings = single ? new JournalSettings(Long.MAX_VALUE, Duration.ZERO, Clock.systemUTC()) : JournalSettings.defaults();
        try (AuditJournal j = AuditJournal.open(dir, writer, settings)) {
            for (long i = 0; i < lines; i++) {
                String symbol = SYMBOLS[(int) (i % SYMBOLS.length)];
                j.append(new AuditEvent(start.plusNanos(i * stepNanos), AuditEvent.Category.DATA_ACCESS, "client-" + (i % 37), "data.ohlcv",
                        symbol, "ohlcv", i % 50 == 0 ? "rate_limited" : "allowed", "GET /api/v1/market-data/ohlcv/" + symbol + "?interval=1d"));
            }
            j.sync();
        }
        if (single) {
            List<JournalSegment> segs = JournalSegment.list(dir).get(writer);
            Files.move(segs.get(0).path(), dir.resolve("audit-" + writer + ".log"));
        }
        long bytes = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                bytes += Files.size(f);
            }
        }
        System.out.printf("%d lines, %d bytes in %s (%s layout) in %.1f s%n", lines, bytes, dir, single ? "single-file" : "segments",
                (System.nanoTime() - t0) / 1e9);
    }
}
