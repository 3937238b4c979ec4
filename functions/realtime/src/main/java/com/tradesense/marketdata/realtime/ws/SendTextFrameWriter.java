package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.realtime.metrics.StreamMetrics;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.SessionOutbox;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The portable writer: Quarkus's {@code sendText} for each frame, at most {@code maxInflight} frames written but
 * not yet flushed (past that the outbox fills up and the slow-consumer policy acts). Used when the raw path is
 * switched off or failed its start-up self-test ({@link FrameWriters}).
 */
final class SendTextFrameWriter implements FrameWriter {
    private final WebSocketConnection connection;
    private final StreamMetrics metrics;
    private final int maxInflight;
    private int inflight;
    private boolean stalled;
    private Runnable resume;

    SendTextFrameWriter(WebSocketConnection connection, StreamMetrics metrics, int maxInflight) {
        this.connection = connection;
        this.metrics = metrics;
        this.maxInflight = Math.max(1, maxInflight);
    }

    @Override
    public void drain(SessionOutbox outbox, Runnable resume) {
        this.resume = resume;
        FrameWriters.Scratch scratch = FrameWriters.scratch();
        Object[] batch = scratch.batch;
        StreamMetrics.Tally tally = scratch.tally;
        while (inflight < maxInflight) {
            int n = outbox.drain(batch, Math.min(batch.length, maxInflight - inflight));
            if (n == 0) {
                stalled = false;
                break;
            }
            long now = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                Object m = batch[i];
                batch[i] = null;
                inflight++;
                if (m instanceof Frame f) {
                    metrics.written(tally, f, now);
                }
                connection.sendText(m instanceof Frame f ? f.text() : (String) m).subscribe().with(this::sent, this::failed);
            }
        }
        metrics.flush(tally);
        if (inflight >= maxInflight) {
            stalled = true;
        }
    }

    private void sent(Void ignored) {
        inflight--;
        if (stalled && inflight <= maxInflight / 2) {
            stalled = false;
            if (resume != null) {
                resume.run();
            }
        }
    }

    private void failed(Throwable t) {
        inflight--;
    }

    @Override
    public boolean raw() {
        return false;
    }
}
