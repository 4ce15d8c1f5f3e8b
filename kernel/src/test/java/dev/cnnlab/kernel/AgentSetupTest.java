package dev.cnnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AgentSetupTest {
    @Test
    void aSmallMaxHeapGetsNoLargerInitialHeap() {
        assertFalse(AgentSetup.vmOptions("-Xmx16m").contains("-Xms32m"), "-Xms32m with -Xmx16m: the JVM would not start");
        assertTrue(AgentSetup.vmOptions("-Xmx8g").contains("-Xms32m"));
        assertTrue(AgentSetup.vmOptions(null).contains("-Xms32m"));
        assertFalse(AgentSetup.vmOptions("-Xms1g").contains("-Xms32m"), "the user's own initial heap wins");
        assertEquals(List.of("-Xmx16m"), AgentSetup.vmOptions("-Xmx16m").subList(0, 1), "the user's options come first");
        assertEquals(16L << 20, AgentSetup.maxHeapBytes(List.of("-Xmx1g", "-XX:MaxHeapSize=16m")), "the last one counts");
        assertEquals(33554432L, AgentSetup.maxHeapBytes(List.of("-Xmx33554432")));
    }
}
