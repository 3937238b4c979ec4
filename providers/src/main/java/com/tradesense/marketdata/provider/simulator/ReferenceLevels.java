package com.tradesense.marketdata.provider.simulator;

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
        Map<String, Level> map = new HashMap<>();
        SimulatorDataFile.read(RESOURCE, f -> // symbol,price,dailyVolume
                map.put(f[0], new Level(Double.parseDouble(f[1]), f[2].isEmpty() ? -1 : Long.parseLong(f[2]))));
        return new ReferenceLevels(map);
    }
}
