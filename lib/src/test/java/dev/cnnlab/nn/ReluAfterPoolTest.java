package dev.cnnlab.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The model runs each ReLU that precedes a max-pool after the pool (NetFactory). These tests compute the seed CNN
 * in the order the summary shows (conv, ReLU, pool, ...) with DJL's functional ops on the same weights, and check
 * that outputs, every weight gradient and the feature maps a student asks for are the same.
 */
class ReluAfterPoolTest {
    private static final Shape K2 = new Shape(2, 2);

    /** conv-ReLU-pool-conv-ReLU-pool-flatten-dense-ReLU-dense, in that order, from the weights w (W, b pairs). */
    private static NDArray[] kerasOrder(NDArray x, List<NDArray> w) {
        NDArray c1 = Activation.relu(Conv2d.conv2d(x, w.get(0), w.get(1)).singletonOrThrow());
        NDArray p1 = Pool.maxPool2d(c1, K2, K2, new Shape(0, 0), false);
        NDArray c2 = Activation.relu(Conv2d.conv2d(p1, w.get(2), w.get(3)).singletonOrThrow());
        NDArray p2 = Pool.maxPool2d(c2, K2, K2, new Shape(0, 0), false);
        NDArray d1 = Activation.relu(Linear.linear(p2.reshape(p2.getShape().get(0), -1), w.get(4), w.get(5)).singletonOrThrow());
        return new NDArray[] {Linear.linear(d1, w.get(6), w.get(7)).singletonOrThrow(), c1, p1, c2};
    }

    @Test
    void sameOutputsGradientsAndFeatureMapsAsTheKerasOrder() {
        try (Net net = SequentialTest.seedCnn(1, 28, 28, 10, false); NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of(0, 2), reluAfterPoolLayers(net), "conv2d and conv2d_1 hand their ReLU to the pool");
            // Normal inputs give many all-negative pooling windows: the case where ReLU-then-pool routes no gradient.
            NDArray x = m.randomNormal(0, 1, new Shape(8, 1, 28, 28), DataType.FLOAT32);
            NDArray r = m.randomNormal(0, 1, new Shape(8, 10), DataType.FLOAT32);

            List<NDArray> netWeights = new ArrayList<>();
            for (Pair<String, Parameter> p : net.block().getParameters()) netWeights.add(p.getValue().getArray());
            assertEquals(8, netWeights.size());
            List<NDArray> copies = new ArrayList<>();
            for (NDArray a : netWeights) {
                NDArray c = a.duplicate();
                c.setRequiresGradient(true);
                copies.add(c);
            }

            NDArray[] ref;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ref = kerasOrder(x, copies);
                gc.backward(ref[0].mul(r).sum());
            }
            NDArray out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = net.forward(x, true);
                gc.backward(out.mul(r).sum());
            }
            assertClose(ref[0], out, "logits");
            for (int i = 0; i < 8; i++) {
                assertTrue(copies.get(i).getGradient().abs().sum().getFloat() > 0, "weight " + i + " has a gradient");
                assertClose(copies.get(i).getGradient(), netWeights.get(i).getGradient(), "gradient of weight " + i);
            }

            // Feature maps are after the ReLU, as the summary's "conv2d (relu)" row says.
            NDArray maps = net.activations(x, "conv2d");
            assertClose(ref[1], maps, "conv2d activations");
            assertTrue(maps.min().getFloat() == 0f && ref[1].lt(0).sum().getLong() == 0);
            assertClose(ref[2], net.activations(x, "max_pooling2d"), "max_pooling2d activations");
            assertClose(ref[3], net.activations(x, "conv2d_1"), "conv2d_1 activations");
        }
    }

    @Test
    void onlyReluBeforeMaxPoolMoves() {
        try (Net avg = Sequential.input(1, 8, 8).conv2d(2, 3).relu().avgPool(2).flatten().dense(2).build();
             Net sig = Sequential.input(1, 8, 8).conv2d(2, 3).sigmoid().maxPool(2).flatten().dense(2).build();
             Net alone = Sequential.input(1, 8, 8).conv2d(2, 3).batchNorm().relu().maxPool(2).flatten().dense(2).build()) {
            assertEquals(List.of(), reluAfterPoolLayers(avg), "the mean of ReLUs is not the ReLU of the mean");
            assertEquals(List.of(), reluAfterPoolLayers(sig));
            assertEquals(List.of(1), reluAfterPoolLayers(alone), "batch_normalization's fused ReLU moves");
        }
    }

    /** Indices of the layers whose ReLU runs after the next max-pool. */
    private static List<Integer> reluAfterPoolLayers(Net net) {
        List<Integer> moved = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) if (net.reluRunsAfterPool(i)) moved.add(i);
        return moved;
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        float scale = 0;
        for (float v : e) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5f * Math.max(1f, scale), what + " at " + i);
        }
    }
}
