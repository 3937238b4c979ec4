package com.tradesense.marketdata.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to find the metric names an expression selects: string literals, label
 * matchers {...}, ranges [...] and grouping clauses by/without/on/ignoring(...) are removed; of the
 * identifiers left, those not called as functions and not keywords are metric names. Also the label
 * matchers of each selector ({@link #selectors}) and the labels an expression groups or joins by
 * ({@link #groupingLabels}), which the series it selects must carry for the expression to yield anything.
 */
final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "le", "inf", "nan");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|on)\\s*\\(([^)]*)\\)");

    /** One label matcher: {@code name op "value"}, {@code op} one of {@code = != =~ !~}. */
    record LabelMatcher(String name, String op, String value) {
    }

    /** A series selector: the metric and its label matchers. */
    record Selector(String metric, List<LabelMatcher> matchers) {
    }

    private PromQl() {
    }

    /** The selectors of the metrics {@link #metricNames} finds, with their label matchers, in order. */
    static List<Selector> selectors(String expr) {
        Set<String> names = metricNames(expr);
        List<Selector> out = new ArrayList<>();
        String s = expr.replaceAll("\\[[^]]*]", " ");
        Matcher m = SELECTOR.matcher(s);
        while (m.find()) {
            if (!names.contains(m.group(1)) || (m.start() > 0 && Character.isLetterOrDigit(s.charAt(m.start() - 1)))) {
                continue;
            }
            List<LabelMatcher> matchers = new ArrayList<>();
            if (m.group(3) != null) {
                Matcher lm = MATCHER.matcher(m.group(3));
                while (lm.find()) {
                    matchers.add(new LabelMatcher(lm.group(1), lm.group(2), lm.group(3)));
                }
            }
            out.add(new Selector(m.group(1), matchers));
        }
        return out;
    }

    /**
     * Labels named in {@code by (...)} and {@code on (...)}: every series the expression selects must have them
     * ({@code without} and {@code ignoring} name labels that may be absent).
     */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new TreeSet<>();
        Matcher m = GROUPING.matcher(expr);
        while (m.find()) {
            for (String l : m.group(2).split(",")) {
                if (!l.isBlank()) {
                    labels.add(l.trim());
                }
            }
        }
        return labels;
    }

    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("'(\\\\.|[^'\\\\])*'", "''")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String id = m.group();
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                after++;
            }
            boolean call = after < s.length() && s.charAt(after) == '(';
            boolean partOfNumber = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!call && !partOfNumber && !KEYWORDS.contains(id.toLowerCase())) {
                names.add(id);
            }
        }
        return names;
    }
}
