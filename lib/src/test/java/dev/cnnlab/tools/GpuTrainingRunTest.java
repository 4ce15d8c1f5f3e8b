package dev.cnnlab.tools;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.device.DeviceException;
import dev.cnnlab.device.DevicesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The entry point gpu/run.sh calls, exercised on the CPU with a small slice of Fashion-MNIST. */
class GpuTrainingRunTest {
    @Test
    void trainsTheSeedCnnOnTheCpuAndWritesJson(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(FashionMnist.SYSTEM_DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        Path out = dir.resolve("cpu.json");
        GpuTrainingRun.main(new String[] {"--epochs", "1", "--batch", "64", "--limit", "1024", "--test-limit", "500",
                "--out", out.toString()});
        String json = Files.readString(out);
        assertTrue(json.startsWith("{\"check\": \"seed-cnn\""), json);
        assertTrue(json.contains("\"engine\": \"" + DevicesTest.expectedEngine() + " ") && json.contains("\"use_gpu\": false"),
                json);
        assertTrue(json.contains("\"devices\": [\"cpu()\"]") && json.contains("\"train_images\": 1024"), json);
        assertTrue(json.contains("\"params\": 225034"), json);
        double acc = Double.parseDouble(json.replaceAll(".*\"test_accuracy\": ([0-9.]+).*\\s*", "$1"));
        assertTrue(acc > 0.4, "1024 images, one epoch should beat chance clearly: " + json);
    }

    @Test
    void badOptionsAreExplained() {
        DeviceException e = assertThrows(DeviceException.class, () -> GpuTrainingRun.main(new String[] {"--epochs"}));
        assertTrue(e.getMessage().startsWith("usage: GpuTrainingRun"), e.getMessage());
        e = assertThrows(DeviceException.class, () -> GpuTrainingRun.main(new String[] {"--batch", "big"}));
        assertTrue(e.getMessage().contains("--batch big"), e.getMessage());
    }
}
