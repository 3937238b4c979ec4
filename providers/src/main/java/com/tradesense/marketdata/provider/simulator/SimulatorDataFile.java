package com.tradesense.marketdata.provider.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the simulator's small CSV data files on the classpath: {@code #} comment lines, one header
 * line, then rows of exactly the header's column count. Any problem fails loudly with file and line.
 */
final class SimulatorDataFile {

    /** What to do with one row; may throw to reject it (the message gets file and line added). */
    interface Row {
        void accept(String[] fields);
    }

    private SimulatorDataFile() {
    }

    static void read(String resource, Row row) {
        InputStream in = SimulatorDataFile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            String header = null;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = line;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != header.split(",", -1).length) {
                    throw new IllegalStateException(resource + ":" + n + ": expected " + header);
                }
                try {
                    row.accept(f);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(resource + ":" + n + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
