package com.tradesense.marketdata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/monitoring/alerts.yaml: the seed's thresholds, over metric names docs/metrics.md knows. */
class AlertRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * The metrics today's rules use that no code emits yet, and the issue that will (docs/metrics.md): none since
     * issue 14 emitted the stream's. A rule over a declared metric would evaluate to no data and never fire.
     */
    private static final Map<String, String> DECLARED_NOT_EMITTED = Map.of();

    /** One alert rule: its name, expression (whitespace collapsed) and summary annotation. */
    record Rule(String alert, String expr, String summary) {
        private static final Pattern LABEL_REF = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");

        /** Labels the summary prints ({@code {{ $labels.x }}}): the result's series must have them. */
        Set<String> summaryLabels() {
            Set<String> out = new TreeSet<>();
            Matcher m = LABEL_REF.matcher(summary);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }

    static List<Rule> definitions() throws Exception {
        JsonNode doc = YAML.readTree(Repo.path("k8s/monitoring/alerts.yaml").toFile());
        assertThat(doc.path("kind").asText()).isEqualTo("PrometheusRule");
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : doc.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("alert").asText()).as("every rule is an alert").isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", rule.path("alert"))
                        .isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                rules.add(new Rule(rule.path("alert").asText(), rule.path("expr").asText().replaceAll("\\s+", " ").trim(),
                        rule.path("annotations").path("summary").asText()));
            }
        }
        return rules;
    }

    static Map<String, String> rules() throws Exception {
        Map<String, String> rules = new LinkedHashMap<>();
        for (Rule r : definitions()) {
            rules.put(r.alert(), r.expr());
        }
        return rules;
    }

    @Test
    void theSeedThresholdsAreThere() throws Exception {
        Map<String, String> rules = rules();
        assertThat(rules.get("MdeRealtimeLatencyHigh")).contains("mde_stream_delivery_latency_seconds_bucket").endsWith("> 0.1");
        assertThat(rules.get("MdeCacheHitRatioLow")).contains("result=\"hit\"").endsWith("< 0.8");
        assertThat(rules.get("MdeProviderErrorRateHigh")).contains("mde_provider_requests_seconds_count").endsWith("> 0.05");
        assertThat(rules.get("MdeRateLimitNearLimit")).contains("mde_ratelimit_usage_ratio").endsWith("> 0.9");
        assertThat(rules.get("MdeDataStale")).contains("mde_data_staleness_seconds").endsWith("> 30");
    }

    @Test
    void everyRuleUsesOnlyMetricsOfTheCatalogue() throws Exception {
        MetricCatalogue catalogue = MetricCatalogue.load();
        Map<String, String> notYetEmitted = new TreeMap<>();
        for (Map.Entry<String, String> rule : rules().entrySet()) {
            Set<String> names = PromQl.metricNames(rule.getValue());
            assertThat(names).as("metrics of %s", rule.getKey()).isNotEmpty();
            for (String series : names) {
                MetricCatalogue.Entry e = catalogue.entryOf(series);
                assertThat(e).as("%s in rule %s is not in docs/metrics.md", series, rule.getKey()).isNotNull();
                if (!e.emitted()) {
                    notYetEmitted.put(e.name(), e.state());
                }
            }
        }
        // explicit: which alerts wait on other issues' metrics (they evaluate to no data until then)
        assertThat(notYetEmitted.keySet()).isEqualTo(DECLARED_NOT_EMITTED.keySet());
        notYetEmitted.forEach((name, state) -> assertThat(state).contains(DECLARED_NOT_EMITTED.get(name)));
    }

    @Test
    void theExtractorReadsPromQl() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, channel) (rate(a_seconds_bucket{x=\"y\"}[5m]))) > 0.1"))
                .containsExactly("a_seconds_bucket");
        assertThat(PromQl.metricNames("sum without (pod) (rate(x_total[1m])) / on (job) group_left y > 1e-3"))
                .isEqualTo(new TreeSet<>(Set.of("x_total", "y")));
        assertThat(PromQl.selectors("sum by (layer) (rate(c_total{result=\"hit\", x!~\"a|b\"}[10m])) / sum by (layer) (rate(c_total[10m]))"))
                .containsExactly(
                        new PromQl.Selector("c_total", List.of(new PromQl.LabelMatcher("result", "=", "hit"),
                                new PromQl.LabelMatcher("x", "!~", "a|b"))),
                        new PromQl.Selector("c_total", List.of()));
        assertThat(PromQl.groupingLabels("sum without (pod) (rate(x_total[1m])) / on (job) sum by (le, channel) (y)"))
                .containsExactly("channel", "job", "le");
    }

    @Test
    void theRulesSayWhichLabelsTheirSeriesNeed() throws Exception {
        Map<String, Rule> byName = new LinkedHashMap<>();
        for (Rule r : definitions()) {
            byName.put(r.alert(), r);
        }
        Rule latency = byName.get("MdeRealtimeLatencyHigh");
        assertThat(PromQl.groupingLabels(latency.expr())).containsExactly("channel", "le");
        assertThat(latency.summaryLabels()).containsExactly("channel");
        assertThat(PromQl.selectors(byName.get("MdeDataStale").expr()))
                .containsExactly(new PromQl.Selector("mde_data_staleness_seconds", List.of(new PromQl.LabelMatcher("data_type", "!=", "ohlcv"))));
    }
}
