package com.tradesense.marketdata.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowTest {

    @Test
    void parsesTheSeedTable() {
        Quota av = Quota.parse("5/1m sliding, 500/1d@America/New_York");
        assertThat(av.windows()).containsExactly(
                Window.of(5, Duration.ofMinutes(1), Algorithm.SLIDING_LOG),
                Window.calendarDay(500, ZoneId.of("America/New_York")));
        assertThat(Window.parse("100/1s burst 200 gcra")).isEqualTo(Window.bucket(100, Duration.ofSeconds(1), 200, Algorithm.GCRA));
        assertThat(Window.parse("2000/h burst 100").algorithm()).isEqualTo(Algorithm.TOKEN_BUCKET);
        assertThat(Window.parse("10/s").algorithm()).isEqualTo(Algorithm.SLIDING_LOG);
        assertThat(Window.parse("10000/1d").zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(Window.parse("3/500ms").period()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void roundTripsThroughItsText() {
        for (String spec : new String[]{"5/1m sliding", "100/1s burst 200 gcra", "500/1d day@America/New_York",
                "1000/1m token-bucket", "7/30s gcra"}) {
            Window w = Window.parse(spec);
            assertThat(Window.parse(w.toString())).isEqualTo(w);
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> Window.parse("five a minute")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Window.parse("0/1s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Window.parse("5/1m sliding@UTC")).hasMessageContaining("only a calendar day");
        assertThatThrownBy(() -> Window.parse("5/1m wobbly")).hasMessageContaining("unknown rate-limit algorithm");
        assertThatThrownBy(() -> Window.parse("5/2d day")).hasMessageContaining("1d");
    }

    @Test
    void aShareKeepsAtLeastOnePermit() {
        assertThat(Window.parse("5/1m").scaled(0.25).permits()).isEqualTo(2);
        assertThat(Window.parse("1/1m").scaled(0.1).permits()).isEqualTo(1);
        assertThat(Window.parse("100/1s burst 200 gcra").scaled(0.5)).isEqualTo(Window.parse("50/1s burst 100 gcra"));
    }

    @Test
    void theSeedsInboundBurstIsTwiceTheRateForThirtySeconds() {
        Window client = Window.burstAllowance(1000, Duration.ofMinutes(1), 2, Duration.ofSeconds(30));
        assertThat(client).isEqualTo(Window.parse("1000/1m burst 1000 token-bucket"));
        assertThat(Window.burstAllowance(100, Duration.ofMinutes(1), 2, Duration.ofSeconds(30)).burst()).isEqualTo(100);
        assertThat(Window.burstAllowance(5000, Duration.ofMinutes(1), 3, Duration.ofSeconds(10)).burst()).isEqualTo(2500);
    }
}
