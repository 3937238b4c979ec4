package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.Adjustment;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OhlcvQueryTest {

    @Test
    void defaultsAreDailySplitAdjustedAndTheMaximumPage() {
        OhlcvQuery q = OhlcvQuery.parse("aapl", null, null, null, null, null, null);
        assertThat(q.symbol().value()).isEqualTo("AAPL");
        assertThat(q.interval()).isEqualTo(Interval.D1);
        assertThat(q.adjustment()).isEqualTo(Adjustment.SPLIT);
        assertThat(q.limit()).isEqualTo(OhlcvQuery.MAX_LIMIT);
        assertThat(q.from()).isEmpty();
        assertThat(q.to()).isEmpty();
    }

    @Test
    void fromAndToAreDatesOrInstantsWithOffset() {
        OhlcvQuery q = OhlcvQuery.parse("ATW.CSE", "5m", "raw", "2025-03-03", "2025-03-04T10:00:00+01:00", "500", null);
        assertThat(q.from()).contains(new OhlcvQuery.DatePoint(LocalDate.of(2025, 3, 3)));
        assertThat(q.to()).contains(new OhlcvQuery.InstantPoint(Instant.parse("2025-03-04T09:00:00Z")));
        assertThat(q.interval()).isEqualTo(Interval.M5);
        assertThat(q.adjustment()).isEqualTo(Adjustment.RAW);
        assertThat(q.limit()).isEqualTo(500);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AAPL-X|1d|split|||10|symbol",
            "AAPL|7x|split|||10|interval",
            "AAPL|1D|split|||10|interval",
            "AAPL|1d|dividend|||10|adjustment",
            "AAPL|1d|split|2025-13-01||10|from",
            "AAPL|1d|split|yesterday||10|from",
            "AAPL|1d|split||2025-01-01T10:00:00|10|to",
            "AAPL|1d|split|||0|limit",
            "AAPL|1d|split|||10001|limit",
            "AAPL|1d|split|||-5|limit",
            "AAPL|1d|split|||99999999999999999999|limit",
            "AAPL|1d|split|||ten|limit",
    })
    void everyBadParameterIsNamed(String symbol, String interval, String adjustment, String from, String to, String limit,
                                  String parameter) {
        assertThatThrownBy(() -> OhlcvQuery.parse(symbol, interval, adjustment, from, to, limit, null))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter));
    }

    @Test
    void cursorsRoundTripAndTamperedOnesAreRefused() {
        PageCursor c = new PageCursor("USD/MAD", Interval.H1, Adjustment.ALL, false, 1_000L, 2_000L);
        assertThat(PageCursor.decode(c.encode())).isEqualTo(c);
        for (String bad : new String[]{"!!!", "djE", c.encode().substring(0, 20), "djF8QUFQTHwxZHxzcGxpdHwyfDE"}) {
            assertThatThrownBy(() -> PageCursor.decode(bad))
                    .isInstanceOf(InvalidParameterException.class)
                    .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("next"));
        }
    }
}
