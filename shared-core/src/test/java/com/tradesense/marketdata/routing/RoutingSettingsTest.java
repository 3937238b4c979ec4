package com.tradesense.marketdata.routing;

import com.tradesense.marketdata.domain.DataType;
import com.tradesense.marketdata.domain.Market;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingSettingsTest {

    private static RoutingSettings read(Map<String, String> config) {
        return RoutingSettings.from(k -> Optional.ofNullable(config.get(k)), s -> Duration.ofMillis(Long.parseLong(s.replace("ms", ""))));
    }

    @Test
    void unsetKeysKeepTheDefaults() {
        assertThat(read(Map.of())).isEqualTo(RoutingSettings.DEFAULT);
    }

    @Test
    void routesWeightsRetriesAndTheFloorComeFromConfiguration() {
        RoutingSettings s = read(Map.of(
                "mde.route.nasdaq.ohlcv", " Twelve_Data , polygon,",
                "mde.route.cse.corporate_actions", "casablanca",
                "mde.quality.weight.latency", "0.1", "mde.quality.weight.accuracy", "0.8", "mde.quality.weight.completeness", "0.1",
                "mde.quality.floor", "0.4", "mde.quality.cross-check-rate", "1",
                "mde.router.retry.max-attempts", "3", "mde.router.retry.backoff", "10ms", "mde.router.bulkhead", "4"));
        assertThat(s.route(Market.NASDAQ, DataType.OHLCV)).containsExactly("twelve_data", "polygon");
        assertThat(s.route(Market.CSE, DataType.CORPORATE_ACTIONS)).containsExactly("casablanca");
        assertThat(s.route(Market.NYSE, DataType.OHLCV)).isEmpty();
        assertThat(s.weights()).isEqualTo(new QualityWeights(0.1, 0.8, 0.1));
        assertThat(s.qualityFloor()).isEqualTo(0.4);
        assertThat(s.crossCheckRate()).isEqualTo(1.0);
        assertThat(s.maxAttempts()).isEqualTo(3);
        assertThat(s.backoff().base()).isEqualTo(Duration.ofMillis(10));
        assertThat(s.bulkhead()).isEqualTo(4);
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        assertThatThrownBy(() -> read(Map.of("mde.quality.floor", "1.5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read(Map.of("mde.router.bulkhead", "0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read(Map.of("mde.quality.weight.latency", "-1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
