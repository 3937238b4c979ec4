package com.tradesense.marketdata.realtime.metrics;

import com.tradesense.marketdata.stream.Channel;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.StreamCounters;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * What the stream metrics cost the writers per frame (bench/README.md, "Stream metrics on the fan-out path"):
 * {@link StreamMetrics#written} in a loop, with a flush every 4 frames as a small drain would, against the
 * Prometheus registry the functions use; counting only, one live frame in 16 timed (the default), every frame
 * timed; twice each (the first pass warms up). Not a test: run it by hand,
 * <pre>
 * mvn -q -pl functions/realtime -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat functions/realtime/target/cp.txt):functions/realtime/target/classes:functions/realtime/target/test-classes" \
 *   com.tradesense.marketdata.realtime.metrics.StreamMetricsCost [writer threads, 1]
 * </pre>
 */
public final class StreamMetricsCost {
    private static final long FRAMES = 50_000_000L;
    private static final int NEVER = Integer.MAX_VALUE;

    private StreamMetricsCost() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        for (int every : new int[]{NEVER, 16, 1, NEVER, 16, 1}) {
            StreamMetrics m = new StreamMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new StreamCounters(), every);
            long now = System.currentTimeMillis();
            Frame[] frames = new Frame[64];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new Frame(Channel.of(i % 3), "S" + i, i, false, now - i % 40, "{}");
            }
            long perThread = FRAMES / threads;
            long[] nanos = new long[threads];
            Thread[] writers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers[t] = new Thread(() -> {
                    StreamMetrics.Tally tally = new StreamMetrics.Tally();
                    long start = System.nanoTime();
                    for (long i = 0; i < perThread; i++) {
                        m.written(tally, frames[(int) (i & 63)], now);
                        if ((i & 3) == 3) {
                            m.flush(tally);
                        }
                    }
                    nanos[id] = System.nanoTime() - start;
                });
                writers[t].start();
            }
            double sum = 0;
            for (int t = 0; t < threads; t++) {
                writers[t].join();
                sum += (double) nanos[t] / perThread;
            }
            System.out.printf("writer threads %d, timed %s: %.1f ns per frame%n", threads,
                    every == NEVER ? "never" : every == 1 ? "every frame" : "1 in " + every, sum / threads);
        }
    }
}
