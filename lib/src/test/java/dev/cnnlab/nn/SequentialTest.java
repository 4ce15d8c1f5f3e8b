package dev.cnnlab.nn;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.*;

class SequentialTest {
    /** Conv32-Pool-Conv64-Pool-Flatten-Dense128 then a head, as in the seed articles. */
    static Net seedCnn(int c, int h, int w, int units, boolean sigmoid) {
        Sequential s = Sequential.input(c, h, w).conv2d(32, 3).relu().maxPool(2)
                .conv2d(64, 3).relu().maxPool(2).flatten().dense(128).relu().dense(units);
        return (sigmoid ? s.sigmoid() : s.softmax()).build();
    }

    @Test
    void seedModelsHaveTheTrueParameterCounts() {
        try (Net m000 = seedCnn(3, 128, 128, 1, true)) {
            assertEquals(7_392_449, m000.parameterCount());
            assertEquals(Head.SIGMOID, m000.head());
        }
        try (Net m001 = seedCnn(3, 224, 224, 2, false)) {
            assertEquals(23_907_650, m001.parameterCount());
        }
        try (Net m002 = Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(10).softmax().build()) {
            assertEquals(693_962, m002.parameterCount());
        }
        try (Net m003 = seedCnn(1, 28, 28, 10, false)) {
            assertEquals(225_034, m003.parameterCount());
        }
    }

    @Test
    void layersAreObjectsWithTheirOwnNamedBlocks() {
        try (Net net = seedCnn(1, 28, 28, 10, false)) {
            Layer conv = net.layer("conv2d_1");
            assertEquals(Layer.Kind.CONV2D, conv.kind());
            assertEquals("Conv2D", conv.type());
            assertEquals("relu", conv.activation());
            assertEquals(new Shape(64, 32, 3, 3), conv.weight().getArray().getShape());
            assertEquals(new Shape(64), conv.bias().getArray().getShape());
            assertEquals(new Shape(64, 11, 11), conv.outputShape());
            assertEquals(64 * 32 * 9 + 64, conv.params());
            assertEquals(new Shape(10, 128), net.layer("dense_1").weight().getArray().getShape());
            // one named DJL block per summary row, in order
            var children = net.block().getChildren();
            assertEquals(net.layers().size(), children.size());
            for (int i = 0; i < children.size(); i++) {
                assertSame(net.layers().get(i).block(), children.get(i).getValue());
                assertEquals(net.layers().get(i).name(), net.layers().get(i).block().layerName());
            }
            assertEquals(java.util.List.of("conv2d", "conv2d_1", "dense", "dense_1"),
                    net.weightedLayers().stream().map(Layer::name).toList());
            var e = assertThrows(ModelException.class, () -> net.layer("max_pooling2d").weight());
            assertTrue(e.getMessage().contains("max_pooling2d") && e.getMessage().contains("no weights"), e.getMessage());
            e = assertThrows(ModelException.class, () -> net.layer("conv3"));
            assertTrue(e.getMessage().contains("conv2d_1"), "lists the names: " + e.getMessage());
        }
    }

    @Test
    void model004LayerByLayerLikeKeras() {
        try (Net net = seedCnn(1, 28, 28, 2, false)) {
            Summary s = net.summary();
            assertEquals(224_002, s.totalParams());
            assertEquals(224_002, s.trainableParams());
            var names = s.layers().stream().map(Layer::name).toList();
            assertEquals(java.util.List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten",
                    "dense", "dense_1"), names);
            assertEquals(320, s.layer("conv2d").params());
            assertEquals(18_496, s.layer("conv2d_1").params());
            assertEquals(204_928, s.layer("dense").params());
            assertEquals(258, s.layer("dense_1").params());
            assertEquals(new Shape(32, 26, 26), s.layer("conv2d").outputShape());
            assertEquals(new Shape(32, 13, 13), s.layer("max_pooling2d").outputShape());
            assertEquals(new Shape(64, 11, 11), s.layer("conv2d_1").outputShape());
            assertEquals(new Shape(64, 5, 5), s.layer("max_pooling2d_1").outputShape());
            assertEquals(new Shape(1600), s.layer("flatten").outputShape());
            assertEquals("(None, 64, 11, 11)", s.layer("conv2d_1").shapeText());
            // MACs by hand: outputs x (inputs per output)
            assertEquals(26L * 26 * 32 * 9, s.layer("conv2d").macs());            // 194,688
            assertEquals(11L * 11 * 64 * 32 * 9, s.layer("conv2d_1").macs());     // 2,230,272
            assertEquals(1600L * 128, s.layer("dense").macs());                  // 204,800
            assertEquals(128L * 2, s.layer("dense_1").macs());
            assertEquals(194_688 + 2_230_272 + 204_800 + 256, s.totalMacs());
            String text = s.toString();
            assertTrue(text.contains("conv2d_1 (Conv2D)"), text);
            assertTrue(text.contains("Total params: 224,002"), text);
            assertTrue(s.toHtml().contains("224,002"));
        }
    }

    @Test
    void batchNormCountsRunningStatisticsAsNonTrainable() {
        try (Net net = Sequential.input(1, 8, 8).conv2d(4, 3).batchNorm().relu().flatten().dense(2).build()) {
            Layer bn = net.summary().layer("batch_normalization");
            assertEquals(16, bn.params());
            assertEquals(8, bn.trainable());
            assertEquals("relu", bn.activation());
        }
    }

    @Test
    void paddingAndStrideChangeShapes() {
        try (Net net = Sequential.input(3, 32, 32).conv2dSame(8, 3).conv2d(8, 3, 2, 1).avgPool(2)
                .dropout(0.25).flatten().dense(10).build()) {
            assertEquals(new Shape(8, 32, 32), net.layers().get(0).outputShape());
            assertEquals(new Shape(8, 16, 16), net.layers().get(1).outputShape());
            assertEquals(new Shape(8, 8, 8), net.layers().get(2).outputShape());
            assertEquals("average_pooling2d", net.layers().get(2).name());
            assertEquals(Head.LOGITS, net.head());
        }
    }

    @Test
    void impossibleArchitecturesAreExplained() {
        var e = assertThrows(ModelException.class, () -> Sequential.input(1, 28, 28).dense(10).build());
        assertTrue(e.getMessage().contains("flatten"), e.getMessage());
        e = assertThrows(ModelException.class, () -> Sequential.input(1, 4, 4).conv2d(8, 5).build());
        assertTrue(e.getMessage().contains("larger"), e.getMessage());
        assertThrows(ModelException.class, () -> Sequential.input(1, 28, 28).conv2d(0, 3));
    }

    @Test
    void wrongInputShapeNamesExpectedAndGot() {
        try (Net net = seedCnn(1, 28, 28, 10, false); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(2, 3, 32, 32));
            var e = assertThrows(ModelException.class, () -> net.forward(x, false));
            assertTrue(e.getMessage().contains("1x28x28") && e.getMessage().contains("3x32x32"), e.getMessage());
            NDArray ok = m.zeros(new Shape(2, 1, 28, 28));
            assertEquals(new Shape(2, 10), net.forward(ok, false).getShape());
            assertEquals(new Shape(2, 32, 26, 26), net.activations(ok, "conv2d").getShape());
            float[] p = net.predict(ok).toFloatArray();
            float sum = 0;
            for (int i = 0; i < 10; i++) sum += p[i];
            assertEquals(1f, sum, 1e-5f);
        }
    }

    @Test
    void sameSeedSameWeightsAndSaveLoadRoundTrip(@TempDir Path dir) throws Exception {
        try (Net a = Sequential.input(1, 8, 8).conv2d(4, 3).relu().flatten().dense(3).seed(7).build();
             Net b = Sequential.input(1, 8, 8).conv2d(4, 3).relu().flatten().dense(3).seed(7).build();
             Net c = Sequential.input(1, 8, 8).conv2d(4, 3).relu().flatten().dense(3).seed(8).build();
             NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(2, 1, 8, 8));
            float[] ya = a.forward(x, false).toFloatArray();
            assertArrayEquals(ya, b.forward(x, false).toFloatArray());
            assertFalse(java.util.Arrays.equals(ya, c.forward(x, false).toFloatArray()));
            Path file = dir.resolve("a.params");
            a.save(file);
            assertTrue(Files.size(file) > 0);
            try (var s = Files.list(dir)) {
                assertEquals(1, s.count(), "temporary files must be gone");
            }
            c.load(file);
            assertArrayEquals(ya, c.forward(x, false).toFloatArray());
            assertThrows(ModelException.class, () -> c.load(dir.resolve("missing.params")));
        }
    }
}
