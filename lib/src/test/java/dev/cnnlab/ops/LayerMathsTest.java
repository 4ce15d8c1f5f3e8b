package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-checked values for the layers and activations beyond the articles' examples. */
class LayerMathsTest {
    @Test
    void strideAndDilationByHand() {
        int[][] x = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
        // 2x2 all-ones kernel, stride 2: sums of the four 2x2 blocks
        assertArrayEquals(new float[][] {{14, 22}, {46, 54}},
                Corr2d.of(x, new int[][] {{1, 1}, {1, 1}}).stride(2).compute().toArray());
        // dilation 2 on a 2x2 kernel picks corners of 3x3 windows: 1+3+9+11, 2+4+10+12, ...
        assertArrayEquals(new float[][] {{24, 28}, {40, 44}},
                Corr2d.of(x, new int[][] {{1, 1}, {1, 1}}).dilation(2).compute().toArray());
    }

    @Test
    void convolutionFlipsWhereCorrelationDoesNot() {
        int[][] x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        int[][] k = {{1, 2}, {3, 4}};
        assertArrayEquals(new float[][] {{37, 47}, {67, 77}}, Corr2d.apply(x, k).toArray());
        assertArrayEquals(new float[][] {{23, 33}, {53, 63}}, Conv2d.apply(x, k).toArray());
        assertArrayEquals(new float[][] {{4, 3}, {2, 1}}, Conv2d.flip(new float[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void multiChannelLayerAndPointwise() {
        float[][][] x = {{{1, 2}, {3, 4}}, {{10, 20}, {30, 40}}};
        // two output channels of 1x1 kernels: the sum of channels, and channel 1 minus channel 0, with biases
        float[][][] y = ConvLayer.pointwise(x, new float[][] {{1, 1}, {-1, 1}}, new float[] {0, 100});
        assertArrayEquals(new float[][] {{11, 22}, {33, 44}}, y[0]);
        assertArrayEquals(new float[][] {{109, 118}, {127, 136}}, y[1]);
        // a 2x2 kernel per channel, valid: one number per output channel
        float[][][][] w = {{{{1, 0}, {0, 0}}, {{0, 0}, {0, 1}}}};
        assertArrayEquals(new float[][] {{1 + 40 + 0.5f}},
                ConvLayer.of(x, w).bias(0.5f).compute()[0]);
        assertEquals(1, ConvLayer.apply(x, w, null)[0].length);
    }

    @Test
    void denseKerasKernelIsTheTranspose() {
        float[][] keras = {{0.5f, 1.0f, -0.2f}, {1.2f, 0.8f, 0.4f}, {-0.3f, 0.5f, 1.1f}}; // [in][out]
        assertArrayEquals(new float[] {5.45f, 6.14f, 2.34f}, Dense.fromKeras(keras).apply(new float[] {2.5f, 3.8f, 1.2f}),
                1e-5f);
        assertArrayEquals(new float[] {20, 16}, Dense.of(new double[][] {{0, 1}, {1, 0}}).bias(1, 1).apply(new double[] {15, 19}));
    }

    @Test
    void activationsAreStable() {
        assertArrayEquals(new float[] {0, 0, 3}, Activations.relu(new float[] {-1, 0, 3}));
        assertEquals(0.5f, Activations.sigmoid(0f));
        assertEquals(1f, Activations.sigmoid(100f));
        assertEquals(0f, Activations.sigmoid(-200f), 1e-30f); // no NaN from e^200
        assertArrayEquals(new float[] {0.26894142f, 0.7310586f}, Activations.softmax(new double[] {1000, 1001}), 1e-6f);
        float[] p = Activations.softmax(new float[] {-3, 0, 2, 2});
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals(p[2], p[3]);
        assertArrayEquals(new float[][] {{0, 2}, {3, 0}},
                Activations.relu(Grid.of(new int[][] {{-1, 2}, {3, -4}})).toArray());
    }

    @Test
    void flattenOrders() {
        float[][][] x = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, Flatten.apply(x));
        assertArrayEquals(new float[] {1, 5, 2, 6, 3, 7, 4, 8}, Flatten.channelsLast(x));
        assertArrayEquals(new float[] {1, 2, 3, 4}, Flatten.apply(new float[][] {{1, 2}, {3, 4}}));
    }
}
