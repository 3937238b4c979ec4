package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.CorporateAction;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CorporateActionWatchTest {
    static final CorporateAction SPLIT_2020 = new CorporateAction.Split(LocalDate.of(2020, 8, 31), 4.0, "polygon");
    static final CorporateAction DIV_2024 = new CorporateAction.CashDividend(LocalDate.of(2024, 5, 10), null, 0.25, "USD", "polygon");
    static final CorporateAction SPLIT_2025 = new CorporateAction.Split(LocalDate.of(2025, 6, 2), 2.0, "yahoo");

    final CorporateActionWatch watch = new CorporateActionWatch();
    final List<String> told = new ArrayList<>();

    {
        watch.onNewActions((symbol, news) -> told.add(symbol + " " + news.size()));
    }

    @Test
    void theFirstLookUpIsTheBaselineAndANewSplitOrDividendIsToldOnce() {
        assertThat(watch.saw("AAPL", LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1), List.of(SPLIT_2020, DIV_2024))).isEmpty();
        assertThat(watch.saw("AAPL", LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1), List.of(SPLIT_2020, DIV_2024))).isEmpty();
        assertThat(told).isEmpty();

        assertThat(watch.saw("AAPL", LocalDate.of(2021, 1, 1), LocalDate.of(2025, 7, 1), List.of(DIV_2024, SPLIT_2025)))
                .containsExactly(SPLIT_2025);
        assertThat(watch.saw("AAPL", LocalDate.of(2021, 1, 1), LocalDate.of(2025, 7, 1), List.of(DIV_2024, SPLIT_2025))).isEmpty();
        assertThat(told).containsExactly("AAPL 1");
    }

    @Test
    void oldActionsFoundByALookUpFurtherBackAreNotNewButACorrectedRatioIs() {
        watch.saw("AAPL", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), List.of(DIV_2024));
        assertThat(watch.saw("AAPL", LocalDate.of(2000, 1, 1), LocalDate.of(2025, 1, 1), List.of(SPLIT_2020, DIV_2024))).isEmpty();
        CorporateAction corrected = new CorporateAction.CashDividend(LocalDate.of(2024, 5, 10), null, 0.26, "USD", "polygon");
        assertThat(watch.saw("AAPL", LocalDate.of(2000, 1, 1), LocalDate.of(2025, 1, 1), List.of(SPLIT_2020, corrected)))
                .containsExactly(corrected);
        // another provider's record of the same action is not news
        CorporateAction sameFromYahoo = new CorporateAction.CashDividend(LocalDate.of(2024, 5, 10), null, 0.26, "USD", "yahoo");
        assertThat(watch.saw("AAPL", LocalDate.of(2000, 1, 1), LocalDate.of(2025, 1, 1), List.of(sameFromYahoo))).isEmpty();
        assertThat(watch.saw("MSFT", LocalDate.of(2000, 1, 1), LocalDate.of(2025, 1, 1), List.of(SPLIT_2025))).isEmpty();
    }
}
