package com.tradesense.marketdata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/monitoring/dashboard.json parses, its panels query known metrics, and it shows every seed metric. */
class DashboardTest {

    @Test
    void parsesAndEveryPanelQueriesCatalogueMetrics() throws Exception {
        JsonNode d = new ObjectMapper().readTree(Repo.path("k8s/monitoring/dashboard.json").toFile());
        assertThat(d.path("uid").asText()).isNotBlank();
        assertThat(d.path("title").asText()).isNotBlank();
        MetricCatalogue catalogue = MetricCatalogue.load();

        List<String> exprs = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : d.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
            JsonNode pos = panel.path("gridPos");
            assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("%s fits 24 columns", panel.path("title")).isLessThanOrEqualTo(24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
            for (JsonNode t : panel.path("targets")) {
                exprs.add(t.path("expr").asText());
            }
        }
        Set<String> used = new HashSet<>();
        for (String expr : exprs) {
            Set<String> names = PromQl.metricNames(expr);
            assertThat(names).as("metrics in %s", expr).isNotEmpty();
            for (String series : names) {
                MetricCatalogue.Entry e = catalogue.entryOf(series);
                assertThat(e).as("%s (dashboard) is not in docs/metrics.md", series).isNotNull();
                used.add(e.name());
            }
        }
        // the seed's key metrics: latency, cache hit ratio, provider health, rate-limit usage, errors,
        // plus WebSocket connections/messages, drops, re-snapshots and bus lag, staleness and cost
        assertThat(used).contains("mde_stream_delivery_latency_seconds", "mde_cache_requests_total",
                "mde_provider_requests_seconds", "mde_provider_up", "mde_ratelimit_usage_ratio",
                "http_server_requests_seconds", "mde_stream_connections", "mde_stream_messages_total",
                "mde_stream_dropped_messages_total", "mde_stream_resnapshots_total", "mde_stream_slow_consumer_closes_total",
                "mde_stream_bus_lag_seconds", "mde_data_staleness_seconds", "mde_provider_cost_today_usd");
    }
}
