package com.tradesense.marketdata.realtime.ws;

import com.tradesense.marketdata.stream.Frame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw writer's start-up self-test: passes on this runtime, and catches what it is there to catch. */
class FrameWritersTest {

    @Test
    void theSelfTestPassesOnTheVertxAndNettyOfThisBuild() {
        assertThat(FrameWriters.selfTest()).isNull();
        FrameWriters writers = new FrameWriters(true, null, 256);
        assertThat(writers.rawPath()).isTrue();
        assertThat(writers.rawPathProblem()).isNull();
    }

    @Test
    void framesOfEveryLengthEncodingDecodeToTheirText() {
        for (int n : new int[] {0, 1, 125, 126, 65_535, 65_536, 200_000}) {
            String text = "é".repeat(n / 2) + "x".repeat(n % 2);
            assertThat(FrameWriters.decodes(text)).as("%d characters", n).isNull();
        }
    }

    @Test
    void aWrongFrameByteIsCaught() {
        String text = "{\"type\":\"selftest\",\"pad\":\"" + "x".repeat(300) + "\"}";
        byte[] wire = Frame.textFrame(text);
        byte[] shortLength = wire.clone();
        shortLength[3] = (byte) (shortLength[3] - 1); // 16-bit length one short: the text is cut
        assertThat(FrameWriters.decodes(shortLength, text)).isNotNull();
        byte[] binary = wire.clone();
        binary[0] = (byte) 0x82; // FIN + binary opcode
        assertThat(FrameWriters.decodes(binary, text)).contains("BinaryWebSocketFrame");
        byte[] masked = wire.clone();
        masked[1] = (byte) (masked[1] | 0x80); // a server frame must not be masked
        assertThat(FrameWriters.decodes(masked, text)).isNotNull();
    }

    @Test
    void switchedOffEveryConnectionUsesSendTextAndTheWritersSaySo() {
        FrameWriters writers = new FrameWriters(false, null, 256);
        assertThat(writers.rawPath()).isFalse();
        assertThat(writers.rawPathProblem()).contains("mde.stream.raw-writer=false");
    }
}
