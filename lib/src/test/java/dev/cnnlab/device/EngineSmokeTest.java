package dev.cnnlab.device;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class EngineSmokeTest {
    @Test
    void mxnetRunsOfflineOnCpu() {
        assertEquals("MXNet", Engine.getInstance().getEngineName());
        try (NDManager m = NDManager.newBaseManager()) {
            var a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray(), 1e-6f);
        }
    }
}
