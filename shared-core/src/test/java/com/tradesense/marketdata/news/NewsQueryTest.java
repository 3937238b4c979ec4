package com.tradesense.marketdata.news;

import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Symbol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewsQueryTest {

    @Test
    void symbolsAreCanonicalDistinctAndInOrder() {
        NewsQuery q = NewsQuery.parse(" aapl ,ATW.cse,AAPL,usd/mad", "2025-01-02", "10");
        assertThat(q.symbols()).extracting(Symbol::value).containsExactly("AAPL", "ATW.CSE", "USD/MAD");
        assertThat(q.from()).contains(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(q.limit()).isEqualTo(10);
        assertThat(NewsQuery.parse(null, "2025-01-02T10:00:00+01:00", null).from()).contains(Instant.parse("2025-01-02T09:00:00Z"));
        assertThat(NewsQuery.parse("", "", "").limit()).isEqualTo(NewsQuery.DEFAULT_LIMIT);
    }

    @Test
    void fiftySymbolsAtMost() {
        assertThat(NewsQuery.parse(String.join(",", Collections.nCopies(50, "AAPL")), null, null).symbols()).hasSize(1);
        assertThatThrownBy(() -> NewsQuery.parse(String.join(",", Collections.nCopies(51, "AAPL")), null, null))
                .isInstanceOf(InvalidParameterException.class).extracting("parameter").isEqualTo("symbols");
    }
}
