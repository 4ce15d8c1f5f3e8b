package dev.cnnlab.compress;

import java.nio.file.Path;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.*;

class FilterPruningTest {
    static Net net;

    @BeforeAll
    static void train() {
        net = Tiny.trained();
    }

    @Test
    void removesFiltersAndTheNextLayersInputsWithHandComputedCounts(@TempDir Path dir) {
        float[] before = Tiny.weights(net);
        try (Net small = FilterPruning.of(net).remove("conv2d", 0.5).remove("conv2d_1", 0.5).run()) {
            var l = small.layers();
            // conv2d: 4 filters of 1x3x3 + 4 biases = 40; output (4, 6, 6); MACs 4*6*6*1*9 = 1,296
            assertEquals(new Shape(4, 6, 6), l.get(0).outputShape());
            assertEquals(40, l.get(0).params());
            assertEquals(1296, l.get(0).macs());
            // conv2d_1: 3 filters of 4x2x2 + 3 = 51; output (3, 2, 2); MACs 3*2*2*4*4 = 192
            assertEquals(new Shape(3, 2, 2), l.get(2).outputShape());
            assertEquals(51, l.get(2).params());
            assertEquals(192, l.get(2).macs());
            // dense: 12 x (3*2*2) + 12 = 156 (was 12 x 24 + 12 = 300)
            assertEquals(156, l.get(4).params());
            assertEquals(40 + 51 + 156 + 52, small.parameterCount());
            Path f = dir.resolve("pruned.params");
            small.save(f);
            try (Net back = FilterPruning.of(net).remove("conv2d", 0.5).remove("conv2d_1", 0.5).run()) {
                back.load(f);
                assertArrayEquals(Tiny.weights(small), Tiny.weights(back));
            }
        }
        assertArrayEquals(before, Tiny.weights(net), "the original keeps its weights");
    }

    @Test
    void theRankingIsTheSameBeforeAndAfterRunAndNeverSilentlyEmpty() {
        FilterPruning fp = FilterPruning.of(net).remove("conv2d", 0.25);
        var before = fp.ranking();
        assertEquals(8, before.rowCount(), "one row per filter before run(): " + before);
        try (Net small = fp.run()) {
            assertEquals(before.toString(), fp.ranking().toString());
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(CompressionException.class,
                () -> FilterPruning.of(net).ranking());
        assertTrue(e.getMessage().contains("remove"), e.getMessage());
    }

    @Test
    void keepsTheStrongestFiltersAndComputesWhatTheOriginalDoesWithThemZeroed() {
        Layer conv = net.weightedLayers().get(0);
        double[] norms = FilterPruning.filterNorms(conv);
        FilterPruning fp = FilterPruning.of(net).remove("conv2d", 0.25);
        try (Net small = fp.run(); Net zeroed = net.copy(); NDManager m = NDManager.newBaseManager()) {
            var ranking = fp.ranking();
            assertEquals(8, ranking.rowCount());
            assertEquals(6, ranking.where(ranking.stringColumn("kept").isEqualTo("yes")).rowCount());
            double weakestKept = ranking.where(ranking.stringColumn("kept").isEqualTo("yes")).doubleColumn("L1 norm").min();
            double strongestCut = ranking.where(ranking.stringColumn("kept").isEqualTo("no")).doubleColumn("L1 norm").max();
            assertTrue(weakestKept >= strongestCut);
            // zero the two removed filters (weights and bias) in a copy: outputs must match the pruned model
            Layer z = zeroed.weightedLayers().get(0);
            float[] w = z.weight().getArray().toFloatArray(), b = z.bias().getArray().toFloatArray();
            for (int o = 0; o < 8; o++) {
                boolean cut = ranking.where(ranking.intColumn("filter").isEqualTo(o)).stringColumn("kept").get(0).equals("no");
                if (cut) assertTrue(norms[o] <= weakestKept, "a removed filter is never stronger than a kept one");
                if (cut) {
                    for (int j = 0; j < 9; j++) w[o * 9 + j] = 0;
                    b[o] = 0;
                }
            }
            z.weight().getArray().set(w);
            z.bias().getArray().set(b);
            ImageData some = Tiny.bars(16, 4, 9);
            NDArray x = some.imagesArray(m);
            assertArrayEquals(zeroed.forward(x, false).toFloatArray(), small.forward(x, false).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void refusesLayersThatCannotLoseFilters() {
        var e = assertThrows(CompressionException.class, () -> FilterPruning.of(net).remove("dense", 0.5));
        assertTrue(e.getMessage().contains("'dense' is Dense"), e.getMessage());
        e = assertThrows(CompressionException.class, () -> FilterPruning.of(net).remove("flatten", 0.5));
        assertTrue(e.getMessage().contains("(Flatten) has no weights"), e.getMessage());
        e = assertThrows(CompressionException.class, () -> FilterPruning.of(net).remove("conv2d", 1.0));
        assertTrue(e.getMessage().contains("conv2d"), e.getMessage());
        assertThrows(CompressionException.class, () -> FilterPruning.of(net).run());
    }
}
