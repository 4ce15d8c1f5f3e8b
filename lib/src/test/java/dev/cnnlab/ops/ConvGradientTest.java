package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gradients of a convolution layer: a 4x4 example worked by hand, the textbook identities, a numerical check. */
class ConvGradientTest {
    static final int[][] X = {{1, 2, 0, 1}, {0, 1, 3, 1}, {2, 1, 0, 2}, {1, 0, 1, 3}};
    static final int[][] SOBEL = {{1, 0, -1}, {2, 0, -2}, {1, 0, -1}};
    static final int[][] G = {{1, 2}, {-1, 0}};

    static void assertGrid(float[][] expected, Grid actual, double tol) {
        assertEquals(expected.length, actual.rows(), "rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual.toArray()[r], (float) tol, "row " + r);
        }
    }

    @Test
    void fourByFourExampleWorkedByHand() {
        var g = ConvGradient.of(X, SOBEL).upstream(G);
        // Y[0][0] = 1·1 + 0·2 + (−1)·0 + 2·0 + 0·1 + (−2)·3 + 1·2 + 0·1 + (−1)·0 = −3
        assertGrid(new float[][] {{-3, 0}, {1, -5}}, g.output(), 0);
        // dK[0][0] = G00·X00 + G01·X01 + G10·X10 + G11·X11 = 1·1 + 2·2 − 1·0 + 0·1 = 5
        // dK[1][1] = G00·X11 + G01·X12 + G10·X21 + G11·X22 = 1 + 6 − 1 + 0 = 6
        assertGrid(new float[][] {{5, 1, -1}, {0, 6, 5}, {3, 1, 3}}, g.kernel(), 0);
        // dX[1][1] = G00·K11 + G01·K10 + G10·K01 + G11·K00 = 0 + 2·2 + 0 + 0 = 4; corners see one window each
        assertGrid(new float[][] {{1, 2, -1, -2}, {1, 4, -1, -4}, {-1, 2, 1, -2}, {-1, 0, 1, 0}}, g.input(), 0);
        assertEquals(2.0, g.bias(), 0);
    }

    @Test
    void kernelGradientIsInputCorrelatedWithUpstreamAndInputGradientIsFullConvolution() {
        Random r = new Random(3);
        for (int t = 0; t < 20; t++) {
            float[][] x = random(r, 5 + r.nextInt(4), 5 + r.nextInt(4));
            float[][] k = random(r, 2 + r.nextInt(3), 2 + r.nextInt(3));
            int oh = x.length - k.length + 1, ow = x[0].length - k[0].length + 1;
            float[][] g = random(r, oh, ow);
            var grad = ConvGradient.of(x, k).upstream(g);
            assertGrid(Corr2d.apply(x, g).toArray(), grad.kernel(), 1e-5);
            // full convolution: G padded by k−1 on every side, convolved (kernel turned 180°) with K
            float[][] padded = new float[oh + 2 * (k.length - 1)][ow + 2 * (k[0].length - 1)];
            for (int i = 0; i < oh; i++) System.arraycopy(g[i], 0, padded[i + k.length - 1], k[0].length - 1, ow);
            assertGrid(Conv2d.apply(padded, k).toArray(), grad.input(), 1e-5);
        }
    }

    @Test
    void strideAndPaddingAgreeWithCentralDifferences() {
        Random r = new Random(11);
        float[][] x = random(r, 7, 6);
        float[][] k = random(r, 3, 3);
        var layer = Corr2d.of(x, k).padding(1).stride(2);
        float[][] g = random(r, layer.outputShape()[0], layer.outputShape()[1]);
        var grad = ConvGradient.of(x, k).padding(1).stride(2).upstream(g);
        // L = Σ G ⊙ Y is linear in K and in X, so central differences are exact up to rounding
        Grid dk = NumericGradient.of(w -> dot(g, Corr2d.of(x, w).padding(1).stride(2).compute())).at(k);
        Grid dx = NumericGradient.of(v -> dot(g, Corr2d.of(v, k).padding(1).stride(2).compute())).at(x);
        assertTrue(NumericGradient.relativeError(dk, grad.kernel()) < 1e-4, "kernel");
        assertTrue(NumericGradient.relativeError(dx, grad.input()) < 1e-4, "input");
    }

    @Test
    void aWrongUpstreamShapeIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConvGradient.of(X, SOBEL).upstream(new int[3][3]).kernel());
        assertTrue(e.getMessage().contains("upstream gradient is 3x3") && e.getMessage().contains("is 2x2"), e.getMessage());
        var none = assertThrows(IllegalStateException.class, () -> ConvGradient.of(X, SOBEL).input());
        assertTrue(none.getMessage().contains("upstream"), none.getMessage());
    }

    static double dot(float[][] g, Grid y) {
        double s = 0;
        for (int i = 0; i < g.length; i++) for (int j = 0; j < g[0].length; j++) s += (double) g[i][j] * y.get(i, j);
        return s;
    }

    static float[][] random(Random r, int h, int w) {
        float[][] a = new float[h][w];
        for (float[] row : a) for (int j = 0; j < w; j++) row[j] = r.nextFloat() * 2 - 1;
        return a;
    }
}
