package dev.cnnlab.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;

/** Saliency and Grad-CAM against answers known without autograd. */
class GradientMapsTest {
    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat();
        return v;
    }

    /** For y = W·x + b the gradient of y_c is the row W_c, whatever the image. */
    @Test
    void saliencyOfALinearModelIsTheAbsoluteWeights() {
        try (Net net = Sequential.input(1, 4, 5).flatten().dense(3).seed(3).build()) {
            float[] w = net.layer("dense").weight().getArray().toFloatArray(); // 3 x 20
            for (int cls = 0; cls < 3; cls++) {
                float[][] s = Saliency.of(net, random(20, cls), cls);
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) assertEquals(Math.abs(w[cls * 20 + y * 5 + x]), s[y][x], 1e-6, cls + ":" + y + "," + x);
                }
            }
            // the parameters' gradients are left at zero
            for (var p : net.block().getParameters().values()) {
                if (p.getArray().hasGradient()) assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat(), 0f);
            }
        }
    }

    /**
     * A 1x1 convolution with two filters, weights 1 and -1 (no bias), then a dense layer that adds up feature map 0
     * for class 0 and feature map 1 for class 1: y_0 = Σ x, y_1 = -Σ x. Every ∂y_0/∂A^0_ij is 1, so α = (1, 0) for class 0
     * and (0, 1) for class 1: the class-0 map is x itself (ReLU keeps it), the class-1 map is ReLU(-x) = 0.
     */
    @Test
    void gradCamOnANetWhoseAnswerIsKnown() {
        try (Net net = Sequential.input(1, 4, 4).conv2d(2, 1).flatten().dense(2).build()) {
            Layer conv = net.layer("conv2d");
            conv.weight().getArray().set(new float[] {1, -1});
            conv.bias().getArray().set(new float[] {0, 0});
            float[] dense = new float[2 * 32];
            for (int i = 0; i < 16; i++) {
                dense[i] = 1;           // class 0 <- map 0
                dense[32 + 16 + i] = 1; // class 1 <- map 1
            }
            net.layer("dense").weight().getArray().set(dense);
            net.layer("dense").bias().getArray().set(new float[] {0, 0});
            float[] x = new float[16];
            x[5] = 1; x[6] = 0.5f; x[9] = 0.25f; // a bright blob at rows 1-2, columns 1-2

            GradCam cam0 = GradCam.of(net, "conv2d", x, 0);
            assertArrayEquals(new float[] {1, 0}, cam0.weights(), 1e-7f);
            assertEquals(1.75f, cam0.logits()[0], 1e-6);
            float[][] m0 = cam0.map();
            for (int i = 0; i < 16; i++) assertEquals(x[i], m0[i / 4][i % 4], 1e-7, "class 0 at " + i);

            GradCam cam1 = GradCam.of(net, "conv2d", x, 1);
            assertArrayEquals(new float[] {0, 1}, cam1.weights(), 1e-7f);
            for (float[] row : cam1.map()) for (float v : row) assertEquals(0f, v, 0f);
        }
    }

    /** Grad-CAM through autograd equals the formula applied to activations and gradients worked out by hand. */
    @Test
    void gradCamMatchesTheFormulaOnARandomNet() {
        try (Net net = Sequential.input(1, 6, 6).conv2d(3, 3).relu().flatten().dense(2).seed(5).build()) {
            float[] x = random(36, 11);
            float[] k = net.layer("conv2d").weight().getArray().toFloatArray();
            float[] b = net.layer("conv2d").bias().getArray().toFloatArray();
            float[] v = net.layer("dense").weight().getArray().toFloatArray(); // 2 x 48
            float[][][] a = new float[3][4][4], g = new float[3][4][4];
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        float s = b[f];
                        for (int di = 0; di < 3; di++) for (int dj = 0; dj < 3; dj++) s += k[f * 9 + di * 3 + dj] * x[(i + di) * 6 + j + dj];
                        a[f][i][j] = Math.max(0, s);
                        g[f][i][j] = v[48 + f * 16 + i * 4 + j]; // d y_1 / d A (the ReLU is before A)
                    }
                }
            }
            GradCam cam = GradCam.of(net, "conv2d", x, 1);
            float[][] want = GradCam.combine(a, g), got = cam.coarse();
            for (int i = 0; i < 4; i++) assertArrayEquals(want[i], got[i], 1e-5f);
            // the 4x4 map sits at the centres of 3x3 fields: input pixel (i + 1, j + 1) holds coarse (i, j)
            float[][] map = cam.map();
            for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(got[i][j], map[i + 1][j + 1], 1e-6);
        }
    }

    @Test
    void combineAndPlaceByHand() {
        float[][][] a = {{{1, 2}, {3, 4}}, {{4, 0}, {0, 4}}};
        float[][][] g = {{{1, 1}, {1, 1}}, {{-1, -1}, {-1, -3}}}; // alpha = 1, -1.5
        assertArrayEquals(new float[] {1, -1.5f}, GradCam.channelWeights(g), 0f);
        float[][] cam = GradCam.combine(a, g); // relu(1·A0 - 1.5·A1) = relu([[-5, 2], [3, -2]])
        assertArrayEquals(new float[] {0, 2}, cam[0], 0f);
        assertArrayEquals(new float[] {3, 0}, cam[1], 0f);
        float[][] p = HeatMap.place(new float[][] {{0, 4}}, 1, 5, 1, 2); // centres at x = 1 and 3
        assertArrayEquals(new float[] {0, 0, 2, 4, 4}, p[0], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> GradCam.combine(a, new float[1][2][2]));
        try (Net net = Sequential.input(1, 4, 4).flatten().dense(2).build()) {
            assertThrows(ModelException.class, () -> Saliency.of(net, new float[16], 2));
            assertThrows(ModelException.class, () -> GradCam.of(net, "flatten", new float[16], 0));
        }
    }

    @Test
    void overlayLeavesTheImageWhereTheMapIsZero() {
        float[][] img = {{0.5f, 1f}};
        var pic = HeatMap.overlay(img, new float[][] {{0, 2}});
        assertEquals(0x808080, pic.getRGB(0, 0) & 0xFFFFFF);
        // t = 1: red mixed in with weight 0.6 over white: (255, 102, 102)
        assertEquals((255 << 16) | (102 << 8) | 102, pic.getRGB(1, 0) & 0xFFFFFF);
        assertThrows(IllegalArgumentException.class, () -> HeatMap.overlay(img, new float[][] {{-1, 0}}));
    }
}
