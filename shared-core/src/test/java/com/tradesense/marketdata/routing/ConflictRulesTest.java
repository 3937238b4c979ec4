package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.routing.PriceConflicts.Figure;
import com.tradesense.marketdata.routing.VolumeRule.VolumeFigure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflictRulesTest {
    private static final Instant T = Instant.parse("2026-03-04T15:00:00Z");

    @Test
    void theMostRecentPriceWinsAndADisagreementBeyondTheToleranceIsAConflict() {
        PriceConflicts.Resolution r = PriceConflicts.resolve(List.of(
                new Figure("polygon", 100.0, T), new Figure("twelve_data", 101.0, T.plusSeconds(2))), 0.005);
        assertThat(r.winner().provider()).isEqualTo("twelve_data");
        assertThat(r.conflict()).isTrue();
        PriceConflicts.Resolution close = PriceConflicts.resolve(List.of(
                new Figure("polygon", 100.0, T.plusSeconds(5)), new Figure("twelve_data", 100.4, T)), 0.005);
        assertThat(close.winner().provider()).isEqualTo("polygon");
        assertThat(close.conflict()).isFalse();
    }

    @Test
    void equalTimestampsKeepTheHigherPriorityProvider() {
        PriceConflicts.Resolution r = PriceConflicts.resolve(List.of(
                new Figure("polygon", 100.0, T), new Figure("yahoo", 99.0, T), new Figure("twelve_data", 98.0, T)), 0.005);
        assertThat(r.winner().provider()).isEqualTo("polygon");
        assertThat(r.spread()).isEqualTo(0.02);
        assertThatThrownBy(() -> PriceConflicts.resolve(List.of(), 0.005)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoProvidersReportingTheConsolidatedTapeAreNeverAdded() {
        long v = VolumeRule.combine(List.of(new VolumeFigure("polygon", null, 1_000_000), new VolumeFigure("twelve_data", null, 998_000)));
        assertThat(v).isEqualTo(1_000_000);
    }

    @Test
    void perVenueFiguresAreSummedAcrossDistinctVenuesOnly() {
        long v = VolumeRule.combine(List.of(new VolumeFigure("a", "XNAS", 600), new VolumeFigure("b", "ARCX", 300),
                new VolumeFigure("c", "XNAS", 590)));
        assertThat(v).isEqualTo(900);
        long withTape = VolumeRule.combine(List.of(new VolumeFigure("a", "XNAS", 600), new VolumeFigure("polygon", null, 1_500)));
        assertThat(withTape).isEqualTo(1_500);
        assertThat(VolumeRule.combine(List.of())).isZero();
    }

    @Test
    void fullJitterStaysWithinTheDoublingCappedCeilingAndSpreadsOverIt() {
        Backoff b = new Backoff(Duration.ofMillis(25), Duration.ofMillis(200));
        assertThat(b.ceilingNanos(1)).isEqualTo(25_000_000L);
        assertThat(b.ceilingNanos(2)).isEqualTo(50_000_000L);
        assertThat(b.ceilingNanos(4)).isEqualTo(200_000_000L);
        assertThat(b.ceilingNanos(40)).isEqualTo(200_000_000L);
        Random random = new Random(7);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            delays.add(b.delayNanos(2, random::nextDouble));
        }
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 50_000_000L));
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(5_000_000L);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(45_000_000L);
        assertThat(b.delayNanos(3, () -> 0.0)).isZero();
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(300), Duration.ofMillis(200))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScoreWeighsOnlyTheMeasuredPartsAndTheWeightsAreConfigurable() {
        QualityBook book = new QualityBook(new QualityWeights(0.2, 0.6, 0.2));
        assertThat(book.score("polygon", com.tradesense.marketdata.domain.DataType.OHLCV).score()).isNull();
        book.call("polygon", com.tradesense.marketdata.domain.DataType.OHLCV, 2_000_000_000L, false); // p99 2 s: latency 0.5
        assertThat(book.score("polygon", com.tradesense.marketdata.domain.DataType.OHLCV).score()).isEqualTo(0.5);
        book.crossChecked("polygon", com.tradesense.marketdata.domain.DataType.OHLCV, 4, 1); // accuracy 0.75
        book.completeness("polygon", com.tradesense.marketdata.domain.DataType.OHLCV, 9, 10); // completeness 0.9
        QualityScore s = book.score("polygon", com.tradesense.marketdata.domain.DataType.OHLCV);
        assertThat(s.score()).isCloseTo((0.2 * 0.5 + 0.6 * 0.75 + 0.2 * 0.9) / 1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThatThrownBy(() -> new QualityWeights(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
