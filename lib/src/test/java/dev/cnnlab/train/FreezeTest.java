package dev.cnnlab.train;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** Freezing and copying weights for transfer learning, on whichever engine runs the tests (CNNLAB_ENGINE). */
class FreezeTest {
    static Net net(int outputs, long seed) {
        return Sequential.input(1, 8, 8).conv2d(4, 3).relu().maxPool(2).flatten().dense(6).relu().dense(outputs)
                .softmax().seed(seed).build();
    }

    static float[] values(Net net, String layer) {
        return net.layer(layer).weight().getArray().toFloatArray();
    }

    static float[] bias(Net net, String layer) {
        return net.layer(layer).bias().getArray().toFloatArray();
    }

    @Test
    void frozenLayersKeepTheirWeightsWhileTheRestTrains() {
        ImageData train = Synthetic.bars(200, 3, 7);
        try (Net net = net(3, 1)) {
            float[] conv = values(net, "conv2d"), convBias = bias(net, "conv2d"), dense = values(net, "dense");
            float[] head = values(net, "dense_1");
            long total = net.summary().totalParams();
            net.freeze("conv2d", "dense");
            assertTrue(net.frozen("conv2d") && net.frozen("dense") && !net.frozen("dense_1"));
            // conv2d 4*9+4 = 40 and dense 6*36+6 = 222 weights stop learning; the head's 6*3+3 = 21 remain
            assertEquals(21, net.summary().trainableParams());
            assertEquals(total, net.summary().totalParams());
            assertEquals(0, net.layer("conv2d").trainable());

            Fit.of(net).adam(1e-2).batchSize(20).epochs(2).verbose(false).run(train);
            assertArrayEquals(conv, values(net, "conv2d"), 0f);
            assertArrayEquals(convBias, bias(net, "conv2d"), 0f);
            assertArrayEquals(dense, values(net, "dense"), 0f);
            assertFalse(java.util.Arrays.equals(head, values(net, "dense_1")), "the head did not train");

            net.unfreezeAll();
            assertEquals(total, net.summary().trainableParams());
            Fit.of(net).adam(1e-2).batchSize(20).epochs(1).verbose(false).run(train);
            assertFalse(java.util.Arrays.equals(conv, values(net, "conv2d")), "unfrozen conv2d did not train");
        }
    }

    @Test
    void copyWeightsFromTakesTheNamedLayersAndChecksShapes() {
        try (Net source = net(5, 1); Net target = net(3, 2); Net other = Sequential.input(1, 8, 8).conv2d(5, 3)
                .relu().maxPool(2).flatten().dense(3).softmax().seed(3).build()) {
            assertFalse(java.util.Arrays.equals(values(source, "conv2d"), values(target, "conv2d")));
            float[] head = values(target, "dense_1");
            target.copyWeightsFrom(source, "conv2d", "dense");
            assertArrayEquals(values(source, "conv2d"), values(target, "conv2d"), 0f);
            assertArrayEquals(bias(source, "conv2d"), bias(target, "conv2d"), 0f);
            assertArrayEquals(values(source, "dense"), values(target, "dense"), 0f);
            assertArrayEquals(head, values(target, "dense_1"), 0f); // 5 vs 3 outputs: the head is not copied

            ModelException e = assertThrows(ModelException.class, () -> target.copyWeightsFrom(source, "dense_1"));
            assertTrue(e.getMessage().contains("dense_1") && e.getMessage().contains("(5, 6)")
                    && e.getMessage().contains("(3, 6)"), e.getMessage());
            e = assertThrows(ModelException.class, () -> target.copyWeightsFrom(other, "conv2d"));
            assertTrue(e.getMessage().contains("conv2d"), e.getMessage());
            assertThrows(ModelException.class, () -> target.copyWeightsFrom(source, "max_pooling2d"));
            assertThrows(ModelException.class, () -> target.freeze("nope"));
        }
    }
}
