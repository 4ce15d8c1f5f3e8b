package dev.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Residual blocks: y = S(x) + F(x), counted exactly in the summary, computed as the formula says, saved and loaded.
 * Run on PyTorch too with {@code CNNLAB_ENGINE=PyTorch}.
 */
class ResidualTest {
    /** A stem conv, an identity block, a projection block that halves the size, then the head. */
    static Net small(long seed, int shortcutFilters) { // shortcutFilters other than 8 cannot be added
        return Sequential.input(1, 8, 8)
                .conv2dSame(4, 3).relu()
                .residual(b -> b.conv2dSame(4, 3).batchNorm().relu().conv2dSame(4, 3).batchNorm()).relu()
                .residual(b -> b.conv2d(8, 3, 2, 1).batchNorm().relu().conv2dSame(8, 3).batchNorm(),
                        s -> s.conv2d(shortcutFilters, 1, 2, 0).batchNorm()).relu()
                .avgPool(4).flatten().dense(3)
                .seed(seed).build();
    }

    @Test
    void theSummaryCountsEveryLayerOnceByHand() {
        try (Net net = small(1, 8)) {
            // top-level rows only; the blocks' layers hang under them
            assertEquals(List.of("conv2d", "residual", "residual_1", "average_pooling2d", "flatten", "dense"),
                    net.layers().stream().map(Layer::name).toList());
            Layer id = net.layer("residual");
            assertEquals(Layer.Kind.RESIDUAL, id.kind());
            assertEquals("relu", id.activation());
            assertEquals(new Shape(4, 8, 8), id.outputShape());
            assertEquals(List.of("conv2d_1", "batch_normalization", "conv2d_2", "batch_normalization_1"),
                    id.branch().stream().map(Layer::name).toList());
            assertTrue(id.shortcut().isEmpty(), "identity shortcut");
            // conv 4->4 3x3: 4*4*9+4 = 148 (twice); batch norm over 4 channels: 4*4 = 16 (twice), 8 of them running
            assertEquals(148 + 16 + 148 + 16, id.params());
            assertEquals(148 + 8 + 148 + 8, id.trainable());
            // each conv: 4 filters * 8*8 positions * 4 channels * 9 = 9,216 MACs
            assertEquals(2 * 9_216, id.macs());

            Layer proj = net.layer("residual_1");
            assertEquals(new Shape(8, 4, 4), proj.outputShape()); // (8 + 2 - 3) / 2 + 1 = 4
            assertEquals(List.of("conv2d_5", "batch_normalization_4"), proj.shortcut().stream().map(Layer::name).toList());
            // F: conv 4->8 (8*4*9+8 = 296), bn 32, conv 8->8 (8*8*9+8 = 584), bn 32; S: 1x1 conv 4->8 (40), bn 32
            assertEquals(296 + 32 + 584 + 32 + 40 + 32, proj.params());
            assertEquals(296 + 16 + 584 + 16 + 40 + 16, proj.trainable());
            // 8*4*4 positions: 128*4*9 = 4,608; 128*8*9 = 9,216; 128*4 = 512
            assertEquals(4_608 + 9_216 + 512, proj.macs());
            assertEquals(new Shape(8, 4, 4), net.layer("conv2d_5").outputShape());
            assertEquals(new Shape(8, 4, 1, 1), net.layer("conv2d_5").weight().getArray().getShape());

            Summary s = net.summary();
            long total = 40 + 328 + 1016 + 27;
            assertEquals(total, s.totalParams());
            assertEquals(total, net.parameterCount());
            long running = 2 * 4 + 2 * 4 + 3 * 2 * 8;
            assertEquals(total - running, s.trainableParams());
            // the stem: 4*64*1*9 = 2,304; the dense layer: 8*3 = 24
            assertEquals(2_304 + 18_432 + 14_336 + 24, s.totalMacs());
            // the parameters DJL holds are exactly the ones counted
            long djl = net.block().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertEquals(total, djl);

            String text = s.toString();
            assertTrue(text.contains(" residual (Residual) +relu"), text);
            assertTrue(text.contains("   F conv2d_1 (Conv2D)   "), text);
            assertTrue(text.contains("   F batch_normalization (BatchNormalization) +relu"), text);
            assertTrue(text.contains("   S identity"), text);
            assertTrue(text.contains("   S conv2d_5 (Conv2D)"), text);
            assertTrue(text.contains("Total params: 1,411"), text);
            assertTrue(s.toHtml().contains("S conv2d_5 (Conv2D)"));
        }
    }

    @Test
    void theBlockAddsItsInputToItsBranch() {
        // F(x) = conv with a kernel that is 2 at its centre and bias 1: F(x) = 2x + 1, so y = x + F(x) = 3x + 1
        try (Net net = Sequential.input(1, 3, 3).residual(b -> b.conv2dSame(1, 3)).flatten().dense(1).build();
             NDManager m = NDManager.newBaseManager()) {
            Layer conv = net.layer("conv2d");
            float[] k = new float[9];
            k[4] = 2;
            conv.weight().getArray().set(k);
            conv.bias().getArray().set(new float[] {1});
            float[] x = {-1, 0, 1, 2, 3, 4, 5, 6, -7};
            float[] y = net.activations(m.create(x, new Shape(1, 1, 3, 3)), "residual").toFloatArray();
            float[] expected = new float[9];
            for (int i = 0; i < 9; i++) expected[i] = 3 * x[i] + 1;
            assertArrayEquals(expected, y, 1e-5f);
            var e = assertThrows(ModelException.class, () -> net.activations(m.zeros(new Shape(1, 1, 3, 3)), "conv2d"));
            assertTrue(e.getMessage().contains("inside the residual block 'residual'"), e.getMessage());
        }
    }

    @Test
    void shapesThatCannotBeAddedAreExplained() {
        var e = assertThrows(ModelException.class, () -> Sequential.input(1, 8, 8).conv2dSame(4, 3)
                .residual(b -> b.conv2d(8, 3, 2, 1)).flatten().dense(2).build());
        assertTrue(e.getMessage().contains("its branch gives (8, 4, 4) but the identity shortcut passes the input "
                + "(4, 8, 8) on"), e.getMessage());
        assertTrue(e.getMessage().contains("s -> s.conv2d(8, 1, 2, 0)"), e.getMessage());
        e = assertThrows(ModelException.class, () -> Sequential.input(1, 8, 8)
                .residual(b -> b.conv2dSame(8, 3), s -> s.conv2d(8, 1, 2, 0)).flatten().dense(2).build());
        assertTrue(e.getMessage().contains("its shortcut gives (8, 4, 4)"), e.getMessage());
        e = assertThrows(ModelException.class, () -> Sequential.input(1, 8, 8).residual(b -> b));
        assertTrue(e.getMessage().contains("branch has no layers"), e.getMessage());
    }

    @Test
    void saveLoadAndCopyKeepTheBlocksWeights(@TempDir Path dir) {
        try (Net a = small(1, 8); Net b = small(2, 8);
             NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(2, 1, 8, 8));
            float[] ya = a.forward(x, false).toFloatArray();
            assertFalse(java.util.Arrays.equals(ya, b.forward(x, false).toFloatArray()), "other seed, other weights");
            Path f = dir.resolve("res.params");
            a.save(f);
            b.load(f);
            assertArrayEquals(ya, b.forward(x, false).toFloatArray(), 1e-6f);
            assertArrayEquals(a.layer("conv2d_5").weight().getArray().toFloatArray(),
                    b.layer("conv2d_5").weight().getArray().toFloatArray());
            try (Net c = a.copy()) {
                assertArrayEquals(ya, c.forward(x, false).toFloatArray(), 1e-6f);
            }
        }
    }

    @Test
    void aFileOfAnotherBlockIsRefused(@TempDir Path dir) {
        // the same top-level rows and totals, but a branch of two convs instead of one conv and an identity
        try (Net one = Sequential.input(1, 6, 6).residual(b -> b.conv2dSame(1, 3).conv2dSame(1, 1)).flatten().dense(2).build();
             Net two = Sequential.input(1, 6, 6).residual(b -> b.conv2dSame(1, 1).conv2dSame(1, 3)).flatten().dense(2).build()) {
            assertEquals(one.parameterCount(), two.parameterCount());
            Path f = dir.resolve("one.params");
            one.save(f);
            var e = assertThrows(ModelException.class, () -> two.load(f));
            assertTrue(e.getMessage().contains("the file has residual Residual (1, 6, 6) 12 F[conv2d Conv2D (1, 6, 6) 10"),
                    e.getMessage());
        }
    }
}
