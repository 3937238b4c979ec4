package com.tradesense.marketdata.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/metrics.md as data: each row's metric, type and state, and the Prometheus series names each one
 * yields (a timer: _count, _sum, _max, and _bucket with a histogram).
 */
record MetricCatalogue(Map<String, Entry> entries) {
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`([a-z_:][a-z0-9_:]*)`\\s*\\|\\s*([a-z+]+)\\s*\\|([^|]*)\\|\\s*([^|]+?)\\s*\\|");

    record Entry(String name, String type, List<String> labels, String state) {
        boolean emitted() {
            return state.startsWith("emitted");
        }

        Set<String> series() {
            Set<String> s = new TreeSet<>();
            switch (type) {
                case "timer" -> s.addAll(List.of(name + "_count", name + "_sum", name + "_max"));
                case "timer+histogram" -> s.addAll(List.of(name + "_count", name + "_sum", name + "_max", name + "_bucket"));
                case "counter", "gauge" -> s.add(name);
                default -> throw new IllegalStateException("unknown metric type '" + type + "' of " + name);
            }
            return s;
        }
    }

    static MetricCatalogue load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Repo.read("docs/metrics.md").split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                List<String> labels = new ArrayList<>();
                for (String l : m.group(3).split(",")) {
                    if (!l.isBlank()) {
                        labels.add(l.trim());
                    }
                }
                entries.put(m.group(1), new Entry(m.group(1), m.group(2), labels, m.group(4)));
            }
        }
        return new MetricCatalogue(entries);
    }

    /** The catalogue entry a series name belongs to, or null. */
    Entry entryOf(String series) {
        for (Entry e : entries.values()) {
            if (e.series().contains(series)) {
                return e;
            }
        }
        return null;
    }
}
