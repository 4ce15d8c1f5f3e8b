package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The articles' worked examples (see shared/SEEDS.md), with the values they should have given. */
class WorkedExamplesTest {
    private static final int[][] X = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    private static final int[][] CROSS = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};

    static void assertGrid(float[][] expected, Grid actual) {
        assertEquals(expected.length, actual.rows(), "rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual.toArray()[r], 1e-5f, "row " + r);
        }
    }

    @Test
    void article000CornersKernelGivesOneValue25() {
        Grid out = Corr2d.apply(X, new int[][] {{1, 0, 1}, {0, 1, 0}, {1, 0, 1}});
        assertGrid(new float[][] {{25}}, out); // 1 + 3 + 5 + 7 + 9, not "8, 10, 12"
        assertGrid(new float[][] {{25}}, Conv2d.apply(X, new int[][] {{1, 0, 1}, {0, 1, 0}, {1, 0, 1}}));
    }

    @Test
    void article000MaxPoolOf2x2Is5() {
        assertGrid(new float[][] {{5}}, Pool.max(new int[][] {{2, 5}, {1, 3}}).size(2).compute());
        // the other shapes the seed notes mention: stride 1 with padding 1 gives a 3x3 map
        assertGrid(new float[][] {{2, 5, 5}, {2, 5, 5}, {1, 3, 3}},
                Pool.max(new int[][] {{2, 5}, {1, 3}}).size(2).stride(1).padding(1).compute());
    }

    @Test
    void article000DenseIs545_614_234() {
        float[] y = Dense.apply(new double[][] {{0.5, 1.2, -0.3}, {1.0, 0.8, 0.5}, {-0.2, 0.4, 1.1}},
                new double[] {2.5, 3.8, 1.2}, null);
        assertArrayEquals(new float[] {5.45f, 6.14f, 2.34f}, y, 1e-5f);
    }

    @Test
    void article002ValidIs20AndSameIs3x3() {
        assertGrid(new float[][] {{20}}, Corr2d.apply(X, CROSS));
        assertGrid(new float[][] {{6, 9, 8}, {13, 20, 17}, {12, 21, 14}}, Corr2d.of(X, CROSS).padding("same").compute());
        assertGrid(new float[][] {{6, 9, 8}, {13, 20, 17}, {12, 21, 14}}, Corr2d.of(X, CROSS).padding(1).compute());
    }

    @Test
    void article002MaxPoolIs12AndDenseIs20_16() {
        assertGrid(new float[][] {{12}}, Pool.max(new int[][] {{6, 9}, {7, 12}}).size(2).compute());
        float[] y = Dense.apply(new double[][] {{0, 1}, {1, 0}}, new double[] {15, 19}, new double[] {1, 1});
        assertArrayEquals(new float[] {20, 16}, y, 1e-6f);
    }

    /**
     * Article 003: the same input and cross-shaped kernel, then ReLU, then a 2x2 max-pool. The article prints
     * a 3x3 "convolution" [[4,6,9],[7,10,13],[4,6,9]] and a 2x2 pool [[7,13],[4,9]].
     */
    @Test
    void article003ConvReluMaxPool() {
        // 'valid' (Keras' default): one value, 2 + 4 + 6 + 8; ReLU keeps it; a 2x2 pool does not fit a 1x1 map
        Grid valid = Corr2d.apply(X, CROSS);
        assertGrid(new float[][] {{20}}, Activations.relu(valid));
        // 'same' gives the 3x3 map the article seems to want
        Grid same = Activations.relu(Corr2d.of(X, CROSS).padding("same").compute());
        assertGrid(new float[][] {{6, 9, 8}, {13, 20, 17}, {12, 21, 14}}, same);
        // 2x2 max-pool, stride 2 (Keras MaxPooling2D((2,2)), 'valid'): floor((3 − 2)/2) + 1 = 1
        assertGrid(new float[][] {{20}}, Pool.max(same).size(2).compute());
        // 'same' pooling (ceil(3/2) = 2 per axis, pad bottom/right) gives a 2x2 map
        assertGrid(new float[][] {{20, 17}, {21, 14}}, Pool.max(same.toArray()).size(2).padding("same").compute());
        // stride 1 also gives 2x2
        assertGrid(new float[][] {{20, 20}, {21, 21}}, Pool.max(same.toArray()).size(2).stride(1).compute());
        // the kernel is symmetric under a 180° flip, so true convolution agrees
        assertGrid(same.toArray(), Conv2d.of(X, CROSS).padding("same").compute());
    }

    @Test
    void article004ConvLayerParameterCounts() {
        assertEquals(320, ConvLayer.parameterCount(1, 32, 3, 3));
        assertEquals(18_496, ConvLayer.parameterCount(32, 64, 3, 3));
        assertEquals(204_928, Dense.parameterCount(1600, 128));
        assertEquals(258, Dense.parameterCount(128, 2));
    }
}
