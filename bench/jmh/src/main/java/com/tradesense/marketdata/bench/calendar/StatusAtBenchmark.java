package com.tradesense.marketdata.bench.calendar;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.MarketStatus;
import com.tradesense.marketdata.domain.Market;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of {@link MarketCalendar#statusAt(Instant)} for the NYSE and the Casablanca exchange, against a baseline
 * that only converts the instant to a market-local date (the least any status lookup must do).
 *
 * <p>The instants are 4096 random seconds over 2024-2026 (weekdays, weekends, holidays, every phase), cycled so
 * that neither branch prediction nor constant folding sees one input. Run:
 * {@code java -jar bench/jmh/target/benchmarks.jar StatusAt -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatusAtBenchmark {

    private static final int SIZE = 4096; // power of two: index wraps with a mask
    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2026-12-31T00:00:00Z").getEpochSecond();

    private final Instant[] instants = new Instant[SIZE];
    private MarketCalendar nyse;
    private MarketCalendar cse;
    private ZoneId newYork;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        for (int i = 0; i < SIZE; i++) {
            instants[i] = Instant.ofEpochSecond(FROM + (long) (random.nextDouble() * (TO - FROM)));
        }
        nyse = MarketCalendars.standard().of(Market.NYSE);
        cse = MarketCalendars.standard().of(Market.CSE);
        newYork = Market.NYSE.zone();
    }

    private Instant nextInstant() {
        return instants[next++ & (SIZE - 1)];
    }

    @Benchmark
    public LocalDate baselineLocalDate() {
        return nextInstant().atZone(newYork).toLocalDate();
    }

    @Benchmark
    public MarketStatus nyseStatusAt() {
        return nyse.statusAt(nextInstant());
    }

    @Benchmark
    public MarketStatus cseStatusAt() {
        return cse.statusAt(nextInstant());
    }
}
