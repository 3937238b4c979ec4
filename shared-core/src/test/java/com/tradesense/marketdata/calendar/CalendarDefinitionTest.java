package com.tradesense.marketdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CalendarDefinitionTest {

    @Test
    void easterSundayMatchesKnownDates() {
        assertThat(CalendarDefinition.easterSunday(2000)).isEqualTo(LocalDate.of(2000, 4, 23));
        assertThat(CalendarDefinition.easterSunday(2008)).isEqualTo(LocalDate.of(2008, 3, 23));
        assertThat(CalendarDefinition.easterSunday(2019)).isEqualTo(LocalDate.of(2019, 4, 21));
        assertThat(CalendarDefinition.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(CalendarDefinition.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(CalendarDefinition.easterSunday(2035)).isEqualTo(LocalDate.of(2035, 3, 25));
    }

    @Test
    void tokenizerKeepsQuotedNamesAndDropsComments() {
        assertThat(CalendarDefinition.tokenize(
                "holiday fixed 12-25 \"Christmas Day\" observe=nearest-weekday source=\"a # b\" # comment"))
                .containsExactly("holiday", "fixed", "12-25", "\"Christmas Day", "observe=nearest-weekday",
                        "source=\"a # b");
        assertThat(CalendarDefinition.tokenize("   # only a comment")).isEmpty();
        assertThatThrownBy(() -> CalendarDefinition.tokenize("closure 2001-09-11 \"open"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bundledDefinitionsLoad() {
        CalendarDefinition cse = CalendarDefinition.load(MarketCalendars.CASABLANCA);
        assertThat(cse.templates).containsKeys("regular", "ramadan");
        assertThat(cse.periods).isNotEmpty().allSatisfy(p -> assertThat(p.from()).isBeforeOrEqualTo(p.to()));
        assertThatThrownBy(() -> CalendarDefinition.load("calendar/missing.cal"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.cal");
    }
}
