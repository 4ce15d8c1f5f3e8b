package dev.cnnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import dev.cnnlab.kernel.agent.OutputFramer;
import org.junit.jupiter.api.Test;

class OutputBudgetTest {
    @Test
    void limitsAreBytesOrPowersOf1024() {
        assertEquals(10485760L, OutputBudget.parse("10485760"));
        assertEquals(512L * 1024, OutputBudget.parse("512k"));
        assertEquals(10L * 1024 * 1024, OutputBudget.parse("10M"));
        assertEquals(3L << 30, OutputBudget.parse(" 3g "));
        assertThrows(IllegalArgumentException.class, () -> OutputBudget.parse("10 MB"));
        assertThrows(IllegalArgumentException.class, () -> OutputBudget.parse("-5"));
        assertThrows(IllegalArgumentException.class, () -> OutputBudget.parse("k"));
    }

    @Test
    void theNoteSaysHowMuchWasDropped() {
        // 40 MB dropped of a cell that printed 50 MB under the default limit
        assertEquals("... 40.0 MB of output dropped (limit 10 MB, CNNLAB_MAX_CELL_OUTPUT)\n",
                new OutputBudget(OutputBudget.DEFAULT_LIMIT).notice(40L << 20));
        assertEquals("... 1.5 kB of output dropped (limit 100 bytes, CNNLAB_MAX_CELL_OUTPUT)\n",
                new OutputBudget(100).notice(1536));
    }

    @Test
    void textOverTheLimitIsDroppedAtACharacterBoundaryAndFramesStillPass() {
        OutputBudget budget = new OutputBudget(9);
        StringBuilder text = new StringBuilder();
        StringBuilder frames = new StringBuilder();
        OutputDemux demux = new OutputDemux("stdout", new OutputDemux.Listener() {
            @Override
            public void text(String stream, String t) {
                text.append(t);
            }

            @Override
            public void frame(String json) {
                frames.append(json);
            }
        }, budget);
        byte[] first = "abcdefgh\u00e9\u00e9".getBytes(StandardCharsets.UTF_8);  // 12 bytes: the limit is inside the first é
        demux.write(first, 0, first.length);
        byte[] frame = frame("{\"type\":\"display\"}");
        demux.write(frame, 0, frame.length);
        byte[] more = "xyz".getBytes(StandardCharsets.UTF_8);
        demux.write(more, 0, more.length);
        demux.drain();
        assertEquals("abcdefgh", text.toString());
        assertEquals("{\"type\":\"display\"}", frames.toString());
        assertEquals(4 + 3, budget.takeDropped());  // both é and xyz
        assertEquals(0, budget.takeDropped());
        budget.reset();
        demux.write(more, 0, more.length);
        demux.drain();
        assertEquals("abcdefghxyz", text.toString());
    }

    private static byte[] frame(String json) {
        byte[] marker = OutputFramer.MARKER;
        byte[] body = (json.length() + ":" + json).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[marker.length + body.length];
        System.arraycopy(marker, 0, all, 0, marker.length);
        System.arraycopy(body, 0, all, marker.length, body.length);
        return all;
    }
}
