package com.tradesense.marketdata.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text page (/q/metrics) as series: name, labels, value. Comments and blank lines are skipped. */
record MetricsPage(List<Series> series) {
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:\\\\.|[^\"\\\\])*)\"");

    record Series(String name, Map<String, String> labels, double value, String source) {
    }

    /** @param source where the page came from (a function's name), kept with each series for the messages */
    static MetricsPage parse(String text, String source) {
        List<Series> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.add(new Series(m.group(1), labels, Double.parseDouble(m.group(4)), source));
        }
        return new MetricsPage(out);
    }

    MetricsPage plus(MetricsPage other) {
        List<Series> all = new ArrayList<>(series);
        all.addAll(other.series);
        return new MetricsPage(all);
    }

    List<Series> named(String name) {
        return series.stream().filter(s -> s.name().equals(name)).toList();
    }
}
