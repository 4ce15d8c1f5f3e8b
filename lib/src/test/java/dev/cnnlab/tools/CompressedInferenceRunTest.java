package dev.cnnlab.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.device.DeviceException;
import org.junit.jupiter.api.Test;

/** The compressed-model check gpu/run.sh calls, on the CPU (MXNet) with a small slice of Fashion-MNIST. */
class CompressedInferenceRunTest {
    @Test
    @SuppressWarnings("unchecked")
    void densePrunedAndInt8ModelsAreMeasuredOnTheSelectedDevice() {
        assumeTrue(Files.exists(FashionMnist.SYSTEM_DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        Map<String, Object> r = CompressedInferenceRun.run(FashionMnist.SYSTEM_DIR, 1, 64, 1024, 500, 0.5, 100, 42);
        assertEquals("cpu()", r.get("device"));
        assertEquals(true, r.get("pass"));
        assertEquals(0.5, (double) r.get("sparsity"), 0.01);
        assertTrue((long) r.get("int8_file_bytes") < (long) r.get("float32_weight_bytes") / 3, r.toString());
        List<Map<String, Object>> models = (List<Map<String, Object>>) r.get("models");
        assertEquals(List.of("dense", "pruned", "int8", "pruned+int8"), models.stream().map(m -> m.get("model")).toList());
        assertEquals(0.0, (double) models.get(0).get("change_points"));
        assertTrue((double) models.get(0).get("test_accuracy") > 0.4, r.toString());
        // int8 with per-channel scales barely changes the predictions of a float model
        assertTrue((double) models.get(2).get("agreement_with_dense") > 0.9, r.toString());
        for (Map<String, Object> m : models) {
            assertTrue((double) m.get("ms_per_image_b256") > 0 && (double) m.get("ms_per_image_b1") > 0, m.toString());
        }
        String json = GpuTrainingRun.toJson(r);
        assertTrue(json.contains("\"models\": [{\"model\": \"dense\", \"test_accuracy\": "), json);
    }

    @Test
    void aNegativeAllowanceFailsEvenTheDenseModel() {
        assumeTrue(Files.exists(FashionMnist.SYSTEM_DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        Map<String, Object> r = CompressedInferenceRun.run(FashionMnist.SYSTEM_DIR, 1, 64, 256, 100, 0.5, -1, 42);
        assertFalse((boolean) r.get("pass"), r.toString());
    }

    @Test
    void badOptionsAreExplained() {
        DeviceException e = assertThrows(DeviceException.class, () -> CompressedInferenceRun.main(new String[] {"--sparsity", "half"}));
        assertTrue(e.getMessage().contains("--sparsity half"), e.getMessage());
        e = assertThrows(DeviceException.class, () -> CompressedInferenceRun.main(new String[] {"--out"}));
        assertTrue(e.getMessage().startsWith("usage: CompressedInferenceRun"), e.getMessage());
    }
}
