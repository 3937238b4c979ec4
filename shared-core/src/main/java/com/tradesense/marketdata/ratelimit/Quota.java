package com.tradesense.marketdata.ratelimit;

import java.util.ArrayList;
import java.util.List;

/**
 * The windows one key must satisfy at once, e.g. Alpha Vantage's {@code 5/1m sliding, 500/1d@America/New_York}.
 * A request is granted only when every window can take it, and then every window counts it.
 */
public record Quota(List<Window> windows) {
    public Quota {
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a quota has at least one window");
        }
    }

    public static Quota of(Window... windows) {
        return new Quota(List.of(windows));
    }

    /** Comma-separated {@link Window#parse windows}. */
    public static Quota parse(String spec) {
        List<Window> ws = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (!part.isBlank()) {
                ws.add(Window.parse(part));
            }
        }
        if (ws.isEmpty()) {
            throw new IllegalArgumentException("empty quota '" + spec + "'");
        }
        return new Quota(ws);
    }

    /** This quota at {@code share} of its size: what one of several processes may use alone. */
    public Quota scaled(double share) {
        return new Quota(windows.stream().map(w -> w.scaled(share)).toList());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Window w : windows) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(w);
        }
        return s.toString();
    }
}
