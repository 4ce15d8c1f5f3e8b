package dev.cnnlab.device;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** Both engines load offline from the natives the build puts on the class path, and compute. */
class EngineSmokeTest {
    @Test
    void everyEngineRunsOfflineOnTheCpu() {
        String platform = EngineFacts.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        java.util.List<String> engines = platform.endsWith("x86_64") && !platform.startsWith("osx")
                ? java.util.List.of("MXNet", "PyTorch") : java.util.List.of("PyTorch");
        for (String name : engines) {
            try (NDManager m = Engine.getEngine(name).newBaseManager()) {
                var a = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
                assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray(), 1e-6f, name);
                assertEquals(name, m.getEngine().getEngineName());
            }
        }
    }
}
