package dev.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.cnnlab.device.Devices;
import org.junit.jupiter.api.Test;

/**
 * Batch norm normalises each channel over the batch and the positions in training mode, and moves its running
 * statistics towards the batch's (momentum 0.9); in evaluation mode it uses the running statistics. Lesson 12
 * prints these numbers. Run on PyTorch too with {@code CNNLAB_ENGINE=PyTorch}.
 */
class BatchNormModesTest {
    @Test
    void trainingUsesTheBatchAndUpdatesTheRunningStatistics() {
        try (Net net = Sequential.input(2, 2, 2).batchNorm().build()) {
            float[] v = {1, 2, 3, 4, 10, 20, 30, 40, 5, 6, 7, 8, 50, 60, 70, 80};
            NDArray x = net.manager().create(v, new Shape(2, 2, 2, 2));
            float[] y;
            try (GradientCollector gc = Devices.engine().newGradientCollector()) {
                NDArray out = net.forward(x, true);
                y = out.toFloatArray();
                gc.backward(out.sum()); // MXNet moves the running statistics in the backward pass, PyTorch in the forward
            }
            // channel 0 holds 1..8: mean 4.5, variance 5.25 (divide by N); channel 1 is ten times that
            float[] expected = new float[16];
            for (int i = 0; i < 16; i++) expected[i] = (float) (((i % 4) + 1 + 4 * (i / 8) - 4.5) / Math.sqrt(5.25 + 1e-5));
            assertArrayEquals(expected, y, 1e-4f);
            Map<String, float[]> stats = new TreeMap<>();
            net.layer("batch_normalization").block().getParameters().forEach(p ->
                    stats.put(p.getKey().replaceAll(".*_", ""), p.getValue().getArray().toFloatArray()));
            // one training step: 0.9 * 0 + 0.1 * batch mean
            assertArrayEquals(new float[] {0.45f, 4.5f}, stats.get("runningMean"), 1e-4f);
            float[] eval = net.forward(x, false).toFloatArray();
            float[] var = stats.get("runningVar");
            for (int i = 0; i < 16; i++) {
                int c = (i / 4) % 2;
                assertEquals((v[i] - stats.get("runningMean")[c]) / Math.sqrt(var[c] + 1e-5), eval[i], 1e-3,
                        "evaluation mode uses the running statistics");
            }
        }
    }
}
