package com.tradesense.marketdata.provider.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Approximate real price levels of well-known instruments, so the simulator's AAPL looks like AAPL
 * and its MASI like the MASI. Loaded from {@code simulator/reference-levels.csv}.
 */
final class ReferenceLevels {
    record Level(double price, long dailyVolume) {
    }

    private static final String RESOURCE = "simulator/reference-levels.csv";
    private final Map<String, Level> levels;

    private ReferenceLevels(Map<String, Level> levels) {
        this.levels = Map.copyOf(levels);
    }

    Level get(String symbol) {
        return levels.get(symbol);
    }

    static ReferenceLevels load() {
        InputStream in = ReferenceLevels.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + RESOURCE);
        }
        Map<String, Level> map = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) { // symbol,price,dailyVolume
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3) {
                    throw new IllegalStateException(RESOURCE + ":" + n + ": expected symbol,price,dailyVolume");
                }
                try {
                    long vol = f[2].isEmpty() ? -1 : Long.parseLong(f[2]);
                    map.put(f[0], new Level(Double.parseDouble(f[1]), vol));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(RESOURCE + ":" + n + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReferenceLevels(map);
    }
}
