package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.Adjustment;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.domain.CorporateAction.CashDividend;
import com.tradesense.marketdata.domain.CorporateAction.Split;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Worked example, by hand. Four daily bars (t = day number, so the session date of bar t is
 * 2024-01-0t):
 *
 * <pre>
 *   date        raw close  volume
 *   2024-01-01    100.00    1000
 *   2024-01-02    102.00    1000
 *   2024-01-03     51.50    2000   split 2-for-1, ex-date 2024-01-03
 *   2024-01-04     50.00    2000   dividend 0.50, ex-date 2024-01-04 (previous raw close P = 51.50)
 * </pre>
 * Dividend factor = 1 - 0.50 / 51.50 = 0.990291262... applies to bars before 2024-01-04.
 * Split factor = 1/2 on prices, 2 on volume, applies to bars before 2024-01-03.
 * <ul>
 *   <li>split-adjusted closes: 50.00, 51.00, 51.50, 50.00; volumes 2000, 2000, 2000, 2000</li>
 *   <li>fully adjusted closes: 50 × 0.990291 = 49.514563, 51 × 0.990291 = 50.504854,
 *       51.50 × 0.990291 = 51.000000, 50.00</li>
 * </ul>
 */
class AdjusterTest {
    private static final List<Bar> RAW = List.of(
            bar(1, 100.00, 1000), bar(2, 102.00, 1000), bar(3, 51.50, 2000), bar(4, 50.00, 2000));
    private static final List<CorporateAction> ACTIONS = List.of(
            new CashDividend(LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 20), 0.50, "USD", "test"),
            new Split(LocalDate.of(2024, 1, 3), 2.0, "test"));
    private static final Map<LocalDate, Double> PREVIOUS_CLOSE = Map.of(LocalDate.of(2024, 1, 4), 51.50);

    private static Bar bar(int day, double close, long volume) {
        return new Bar(day, close, close, close, close, volume, 10, close);
    }

    private static List<Bar> adjust(Adjustment mode) {
        return Adjuster.adjust(RAW, ACTIONS, mode, t -> LocalDate.of(2024, 1, (int) t), PREVIOUS_CLOSE::get);
    }

    @Test
    void rawIsUntouched() {
        assertThat(adjust(Adjustment.RAW)).isSameAs(RAW);
    }

    @Test
    void splitDividesEarlierPricesAndMultipliesEarlierVolumes() {
        List<Bar> bars = adjust(Adjustment.SPLIT);
        assertThat(bars).extracting(Bar::c).containsExactly(50.00, 51.00, 51.50, 50.00);
        assertThat(bars).extracting(Bar::v).containsExactly(2000L, 2000L, 2000L, 2000L);
        assertThat(bars.get(0).vw()).isEqualTo(50.00);
        assertThat(bars).extracting(Bar::n).containsOnly(10L); // trade counts are not adjusted
    }

    @Test
    void allAlsoAppliesTheDividendFactorOneMinusDOverP() {
        double f = 1 - 0.50 / 51.50;
        assertThat(f).isCloseTo(0.990291262, within(1e-9));
        List<Bar> bars = adjust(Adjustment.ALL);
        assertThat(bars.get(0).c()).isCloseTo(49.514563, within(1e-6));
        assertThat(bars.get(1).c()).isCloseTo(50.504854, within(1e-6));
        assertThat(bars.get(2).c()).isCloseTo(51.000000, within(1e-6));
        assertThat(bars.get(3).c()).isEqualTo(50.00);
        assertThat(bars).extracting(Bar::v).containsExactly(2000L, 2000L, 2000L, 2000L);
    }

    @Test
    void aDividendWithoutAKnownPreviousCloseIsSkippedNotGuessed() {
        List<Bar> bars = Adjuster.adjust(RAW, ACTIONS, Adjustment.ALL, t -> LocalDate.of(2024, 1, (int) t), d -> null);
        assertThat(bars).extracting(Bar::c).containsExactly(50.00, 51.00, 51.50, 50.00);
    }

    @Test
    void reverseSplitsMultiplyEarlierPrices() {
        List<Bar> bars = Adjuster.adjust(RAW, List.of(new Split(LocalDate.of(2024, 1, 2), 0.1, "test")), Adjustment.SPLIT,
                t -> LocalDate.of(2024, 1, (int) t), d -> null);
        assertThat(bars.get(0).c()).isEqualTo(1000.00); // 100 / 0.1
        assertThat(bars.get(0).v()).isEqualTo(100L);     // 1000 × 0.1
        assertThat(bars.get(1).c()).isEqualTo(102.00);
    }
}
