package com.tradesense.marketdata.bars;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Bar;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.Market;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResamplerTest {
    private static final MarketCalendar NYSE = MarketCalendars.standard().of(Market.NYSE);
    private static final ZoneId NY = ZoneId.of("America/New_York");

    private static long ny(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), NY).toInstant().toEpochMilli();
    }

    /** 30-minute bars of one session, close = 100 + i, volume 10 each. */
    private static List<Bar> halfHours(String date, int count) {
        List<Bar> out = new ArrayList<>();
        long open = ny(date + "T09:30");
        for (int i = 0; i < count; i++) {
            double c = 100 + i;
            out.add(new Bar(open + i * 1_800_000L, c - 0.5, c + 1, c - 1, c, 10, 2, Double.NaN));
        }
        return out;
    }

    @Test
    void hourlyBarsStartAtTheSessionOpenNotTheClockHour() {
        // 13 half hours 09:30-16:00 -> hours 09:30, 10:30, ..., 15:30 (the last one half an hour long)
        List<Bar> hours = Resampler.resample(halfHours("2025-03-04", 13), Interval.M30, Interval.H1, NYSE);
        assertThat(hours).hasSize(7);
        assertThat(Instant.ofEpochMilli(hours.get(0).t()).atZone(NY).toLocalTime().toString()).isEqualTo("09:30");
        assertThat(Instant.ofEpochMilli(hours.get(6).t()).atZone(NY).toLocalTime().toString()).isEqualTo("15:30");
        // first hour = half hours 0 and 1: open 99.5, high max(101, 102) = 102, low min(99, 100) = 99, close 101
        Bar h = hours.get(0);
        assertThat(List.of(h.o(), h.h(), h.l(), h.c())).containsExactly(99.5, 102.0, 99.0, 101.0);
        assertThat(h.v()).isEqualTo(20);
        assertThat(h.n()).isEqualTo(4);
        assertThat(hours.get(6).v()).isEqualTo(10); // 15:30-16:00 only
    }

    @Test
    void dailyBarsAreSessionsAndWeeklyStartOnTheFirstSession() {
        List<Bar> halfHours = new ArrayList<>();
        // Thursday 2 Jan 2025 and Friday 3 Jan; Monday 6 Jan (after a weekend); 1 Jan is a holiday
        for (String d : new String[]{"2025-01-02", "2025-01-03", "2025-01-06"}) {
            halfHours.addAll(halfHours(d, 13));
        }
        List<Bar> days = Resampler.resample(halfHours, Interval.M30, Interval.D1, NYSE);
        assertThat(days).extracting(b -> Instant.ofEpochMilli(b.t()).atZone(NY).toLocalDate().toString())
                .containsExactly("2025-01-02", "2025-01-03", "2025-01-06");
        assertThat(days.get(0).o()).isEqualTo(99.5);
        assertThat(days.get(0).h()).isEqualTo(113.0); // 100 + 12 + 1
        assertThat(days.get(0).c()).isEqualTo(112.0);
        assertThat(days.get(0).v()).isEqualTo(130);
        List<Bar> weeks = Resampler.resample(days, Interval.D1, Interval.W1, NYSE);
        assertThat(weeks).hasSize(2);
        assertThat(weeks.get(0).t()).isEqualTo(ny("2025-01-02T09:30")); // the week's first session is Thursday
        assertThat(weeks.get(0).v()).isEqualTo(260);
        List<Bar> months = Resampler.resample(days, Interval.D1, Interval.MO1, NYSE);
        assertThat(months).hasSize(1);
        assertThat(months.get(0).v()).isEqualTo(390);
    }

    @Test
    void earlyClosesSimplyHaveFewerBars() {
        // day after Thanksgiving 2025 closes at 13:00: 7 half hours
        List<Bar> hours = Resampler.resample(halfHours("2025-11-28", 7), Interval.M30, Interval.H1, NYSE);
        assertThat(hours).hasSize(4);
        assertThat(hours.get(3).t()).isEqualTo(ny("2025-11-28T12:30"));
    }

    @Test
    void barsOutsideEverySessionAreDropped() {
        List<Bar> bars = new ArrayList<>(halfHours("2025-01-02", 2));
        bars.add(new Bar(ny("2025-01-04T10:00"), 1, 1, 1, 1, 1, 1, Double.NaN)); // a Saturday
        assertThat(Resampler.resample(bars, Interval.M30, Interval.H1, NYSE)).hasSize(1);
    }

    @Test
    void theSourceIntervalIsTheCoarsestAlignedOneAvailable() {
        assertThat(Resampler.sourceFor(Interval.H1, EnumSet.of(Interval.M1, Interval.M5, Interval.M15, Interval.D1))).isEqualTo(Interval.M15);
        assertThat(Resampler.sourceFor(Interval.M30, EnumSet.of(Interval.H1, Interval.M1))).isEqualTo(Interval.M1);
        assertThat(Resampler.sourceFor(Interval.W1, EnumSet.of(Interval.M1, Interval.D1))).isEqualTo(Interval.D1);
        assertThat(Resampler.sourceFor(Interval.D1, EnumSet.of(Interval.M5, Interval.H1))).isEqualTo(Interval.H1);
        assertThat(Resampler.sourceFor(Interval.M5, EnumSet.of(Interval.D1))).isNull();
    }
}
