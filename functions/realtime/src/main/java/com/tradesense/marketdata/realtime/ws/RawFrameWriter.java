package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.realtime.metrics.StreamMetrics;
import com.tradesense.marketdata.stream.Frame;
import com.tradesense.marketdata.stream.SessionOutbox;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * The fast writer: copies each shared frame's ready-made WebSocket bytes ({@link Frame#wire()}) into one pooled
 * buffer per batch and hands it to the connection's Netty pipeline (it passes the WebSocket encoder, which only
 * handles WebSocketFrame objects), with one flush per drain; nothing is allocated per message. It stops while the
 * channel is not writable (its outbound buffer past Netty's high-water mark) and resumes once that has reached
 * the socket: meanwhile the outbox fills up, and that is where the slow-consumer policy acts.
 */
final class RawFrameWriter implements FrameWriter {
    private final ChannelHandlerContext channel;
    private final StreamMetrics metrics;
    private boolean awaitingWritable;

    RawFrameWriter(ChannelHandlerContext channel, StreamMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    @Override
    public void drain(SessionOutbox outbox, Runnable resume) {
        if (awaitingWritable) {
            return;
        }
        Channel ch = channel.channel();
        FrameWriters.Scratch scratch = FrameWriters.scratch();
        Object[] batch = scratch.batch;
        StreamMetrics.Tally tally = scratch.tally;
        boolean wrote = false;
        while (ch.isWritable()) {
            int n = outbox.drain(batch, batch.length);
            if (n == 0) {
                break;
            }
            long now = System.currentTimeMillis();
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                if (batch[i] instanceof String control) {
                    batch[i] = Frame.textFrame(control);
                } else {
                    Frame f = (Frame) batch[i];
                    metrics.written(tally, f, now);
                    batch[i] = f.wire();
                }
                bytes += ((byte[]) batch[i]).length;
            }
            ByteBuf out = channel.alloc().buffer(bytes);
            for (int i = 0; i < n; i++) {
                out.writeBytes((byte[]) batch[i]);
                batch[i] = null;
            }
            channel.write(out, channel.voidPromise());
            wrote = true;
        }
        if (!ch.isWritable() && ch.isActive()) {
            // resume once what is buffered has reached the socket
            awaitingWritable = true;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                awaitingWritable = false;
                if (f.isSuccess()) {
                    resume.run();
                }
            });
        } else if (wrote) {
            channel.flush();
        }
        metrics.flush(tally);
    }

    @Override
    public boolean raw() {
        return true;
    }
}
