package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.simulator.SimulatorProvider;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class BarChunkCodecTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    static List<Bar> simulatedYear(String symbol, Interval interval) {
        SimulatorProvider sim = new SimulatorProvider(MarketCalendars.standard(), CLOCK);
        return sim.bars(new BarRequest(SymbolMaster.standard().find(symbol).orElseThrow(), interval,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), false));
    }

    /** The bar as the API writes it (OhlcvResponse.BarJson through Jackson): the JSON we compare against. */
    static String json(Bar b) {
        StringBuilder s = new StringBuilder().append("{\"t\":").append(b.t()).append(",\"o\":").append(b.o())
                .append(",\"h\":").append(b.h()).append(",\"l\":").append(b.l()).append(",\"c\":").append(b.c())
                .append(",\"v\":").append(b.v());
        if (b.hasTradeCount()) {
            s.append(",\"n\":").append(b.n());
        }
        if (b.hasVwap()) {
            s.append(",\"vw\":").append(b.vw());
        }
        return s.append('}').toString();
    }

    @Test
    void roundTripsSimulatedDailyAndMinuteBarsBitForBitAndIsMuchSmallerThanJson() {
        for (String symbol : List.of("AAPL", "IAM.CSE")) {
            for (Interval interval : List.of(Interval.D1, Interval.M1)) {
                List<Bar> all = simulatedYear(symbol, interval);
                if (interval == Interval.M1) {
                    all = all.stream().filter(b -> b.t() < Instant.parse("2025-02-01T00:00:00Z").toEpochMilli()).toList();
                }
                assertThat(all).isNotEmpty();
                long bin = 0;
                long js = 0;
                for (int m = 1; m <= 12; m++) {
                    ChunkKey key = new ChunkKey(symbol, interval, YearMonth.of(2025, m));
                    List<Bar> bars = all.stream().filter(b -> b.t() >= key.fromMs() && b.t() < key.toMs()).toList();
                    BarChunk chunk = new BarChunk(key, "simulator", 1_700_000_000_000L, true, bars);
                    byte[] enc = BarChunkCodec.encode(chunk);
                    assertThat(BarChunkCodec.decode(enc)).isEqualTo(chunk);
                    bin += enc.length;
                    js += ("[" + String.join(",", bars.stream().map(BarChunkCodecTest::json).toList()) + "]")
                            .getBytes(StandardCharsets.UTF_8).length;
                }
                double perBarBin = (double) bin / all.size();
                double perBarJson = (double) js / all.size();
                System.out.printf(Locale.ROOT, "codec %s %s: %d bars, binary %.1f B/bar, JSON %.1f B/bar (%.1fx)%n",
                        symbol, interval.wireName(), all.size(), perBarBin, perBarJson, perBarJson / perBarBin);
                assertThat(perBarBin).isLessThan(perBarJson / 3);
            }
        }
    }

    @Test
    void pricesWithoutShortDecimalsFallBackToRawDoublesExactly() {
        ChunkKey key = new ChunkKey("X", Interval.D1, YearMonth.of(2024, 2));
        Bar odd = new Bar(key.fromMs() + 86_400_000L, Math.PI, Math.PI * 2, 1 / 3.0, Math.E, 12, Bar.NO_COUNT, 1.23456789012);
        Bar plain = new Bar(key.fromMs() + 2 * 86_400_000L, 10, 11, 9, 10.5, 0, 7, Double.NaN);
        BarChunk chunk = new BarChunk(key, "p", 5, false, List.of(odd, plain));
        assertThat(BarChunkCodec.decode(BarChunkCodec.encode(chunk))).isEqualTo(chunk);
        BarChunk empty = new BarChunk(key, "p", 5, true, List.of());
        assertThat(BarChunkCodec.decode(BarChunkCodec.encode(empty))).isEqualTo(empty);
    }
}
