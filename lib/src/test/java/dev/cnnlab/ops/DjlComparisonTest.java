package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The from-scratch ops against DJL's own operators (MXNet engine) on random shapes: every value within
 * {@code 1e-5·max(1, |expected|)}. Seeded, so a failure repeats.
 */
class DjlComparisonTest {
    private static NDManager nd;

    @BeforeAll
    static void open() {
        nd = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        nd.close();
    }

    static float[][][] random(Random r, int c, int h, int w) {
        float[][][] a = new float[c][h][w];
        for (float[][] m : a) {
            for (float[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = r.nextFloat() * 2 - 1;
                }
            }
        }
        return a;
    }

    static float[] flat(float[][][] a) {
        return Flatten.apply(a);
    }

    static NDArray nchw(float[][][] a) {
        return nd.create(flat(a), new Shape(1, a.length, a[0].length, a[0][0].length));
    }

    static NDArray weight(float[][][][] w) {
        float[] f = new float[w.length * w[0].length * w[0][0].length * w[0][0][0].length];
        int n = 0;
        for (float[][][] o : w) {
            float[] part = flat(o);
            System.arraycopy(part, 0, f, n, part.length);
            n += part.length;
        }
        return nd.create(f, new Shape(w.length, w[0].length, w[0][0].length, w[0][0][0].length));
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-5 * Math.max(1, Math.abs(expected[i]));
            if (Math.abs(expected[i] - actual[i]) > tol) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    @Test
    void convLayerMatchesDjlConv2d() {
        Random r = new Random(5);
        int compared = 0;
        for (int t = 0; t < 200; t++) {
            int c = 1 + r.nextInt(3);
            int o = 1 + r.nextInt(3);
            int h = 3 + r.nextInt(7);
            int w = 3 + r.nextInt(7);
            int kh = 1 + r.nextInt(4);
            int kw = 1 + r.nextInt(4);
            int s = 1 + r.nextInt(3);
            int d = 1 + r.nextInt(2);
            int p = r.nextInt(3);
            float[][][] x = random(r, c, h, w);
            float[][][][] k = new float[o][][][];
            for (int i = 0; i < o; i++) {
                k[i] = random(r, c, kh, kw);
            }
            float[] b = random(r, 1, 1, o)[0][0];
            String what = "x " + c + "x" + h + "x" + w + ", w " + o + "x" + c + "x" + kh + "x" + kw
                    + ", s " + s + ", d " + d + ", p " + p;
            ConvLayer layer = ConvLayer.of(x, k).bias(b).padding(p).stride(s).dilation(d);
            if (d * (kh - 1) + 1 > h + 2 * p || d * (kw - 1) + 1 > w + 2 * p) {
                assertThrows(IllegalArgumentException.class, layer::compute, what);
                continue;
            }
            NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(nchw(x), weight(k), nd.create(b),
                    new Shape(s, s), new Shape(p, p), new Shape(d, d), 1).singletonOrThrow();
            float[][][] mine = layer.compute();
            assertEquals(new Shape(1, mine.length, mine[0].length, mine[0][0].length), y.getShape(), what);
            assertClose(y.toFloatArray(), flat(mine), what);
            compared++;
        }
        assertEquals(true, compared > 100, "compared " + compared);
    }

    @Test
    void corr2dAndConv2dMatchDjlWithAndWithoutFlip() {
        Random r = new Random(6);
        for (int t = 0; t < 100; t++) {
            int h = 2 + r.nextInt(8);
            int w = 2 + r.nextInt(8);
            int k = 1 + r.nextInt(Math.min(h, w));
            int s = 1 + r.nextInt(2);
            int p = r.nextInt(2);
            float[][] x = random(r, 1, h, w)[0];
            float[][] ker = random(r, 1, k, k)[0];
            String what = h + "x" + w + " * " + k + "x" + k + " s " + s + " p " + p;
            NDArray wnd = nd.create(ker).reshape(1, 1, k, k);
            NDArray corr = ai.djl.nn.convolutional.Conv2d.conv2d(nchw(new float[][][] {x}), wnd, null,
                    new Shape(s, s), new Shape(p, p), new Shape(1, 1), 1).singletonOrThrow();
            NDArray conv = ai.djl.nn.convolutional.Conv2d.conv2d(nchw(new float[][][] {x}), wnd.flip(2, 3), null,
                    new Shape(s, s), new Shape(p, p), new Shape(1, 1), 1).singletonOrThrow();
            assertClose(corr.toFloatArray(), Flatten.apply(Corr2d.apply(x, ker, p, s).toArray()), "corr " + what);
            assertClose(conv.toFloatArray(), Flatten.apply(Conv2d.apply(x, ker, p, s).toArray()), "conv " + what);
        }
    }

    /** 'same' may pad unevenly (odd one bottom/right), which DJL cannot; compare on an input padded by hand. */
    @Test
    void samePaddingMatchesDjlOnHandPaddedInput() {
        Random r = new Random(7);
        for (int t = 0; t < 60; t++) {
            int h = 2 + r.nextInt(8);
            int w = 2 + r.nextInt(8);
            int k = 1 + r.nextInt(4);
            int s = 1 + r.nextInt(3);
            float[][][] x = random(r, 2, h, w);
            float[][][][] ker = {random(r, 2, k, k), random(r, 2, k, k)};
            int top = Padding.SAME.before(h, k, s, 1);
            int left = Padding.SAME.before(w, k, s, 1);
            int ph = h + top + Padding.SAME.after(h, k, s, 1);
            int pw = w + left + Padding.SAME.after(w, k, s, 1);
            float[][][] padded = new float[2][ph][pw];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < h; i++) {
                    System.arraycopy(x[c][i], 0, padded[c][i + top], left, w);
                }
            }
            NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(nchw(padded), weight(ker), null,
                    new Shape(s, s), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
            float[][][] mine = ConvLayer.of(x, ker).padding(Padding.SAME).stride(s).compute();
            String what = h + "x" + w + " k " + k + " s " + s;
            assertEquals(OutputShape.same(h, s), mine[0].length, what);
            assertEquals(OutputShape.same(w, s), mine[0][0].length, what);
            assertClose(y.toFloatArray(), flat(mine), "same " + what);
        }
    }

    @Test
    void poolingMatchesDjlMaxAndAvgWithBothPaddingRules() {
        Random r = new Random(8);
        for (int t = 0; t < 150; t++) {
            int c = 1 + r.nextInt(3);
            int h = 2 + r.nextInt(8);
            int w = 2 + r.nextInt(8);
            int k = 1 + r.nextInt(Math.min(h, w));
            int s = 1 + r.nextInt(3);
            int p = r.nextInt(k / 2 + 1);
            float[][][] x = random(r, c, h, w);
            String what = c + "x" + h + "x" + w + " k " + k + " s " + s + " p " + p;
            Shape ks = new Shape(k, k);
            Shape ss = new Shape(s, s);
            Shape ps = new Shape(p, p);
            assertClose(Pool.maxPool2d(nchw(x), ks, ss, ps, false).toFloatArray(),
                    flat(dev.cnnlab.ops.Pool.max(x).size(k).stride(s).padding(p).computeAll()), "max " + what);
            assertClose(Pool.avgPool2d(nchw(x), ks, ss, ps, false, true).toFloatArray(),
                    flat(dev.cnnlab.ops.Pool.avg(x).size(k).stride(s).padding(p).computeAll()), "avg " + what);
            assertClose(Pool.avgPool2d(nchw(x), ks, ss, ps, false, false).toFloatArray(),
                    flat(dev.cnnlab.ops.Pool.avg(x).size(k).stride(s).padding(p).countPadding(false).computeAll()),
                    "avg excluding padding " + what);
        }
    }

    @Test
    void denseMatchesDjlLinear() {
        Random r = new Random(9);
        for (int t = 0; t < 50; t++) {
            int in = 1 + r.nextInt(20);
            int out = 1 + r.nextInt(10);
            float[][] w = random(r, 1, out, in)[0];
            float[] x = random(r, 1, 1, in)[0][0];
            float[] b = random(r, 1, 1, out)[0][0];
            NDArray y = Linear.linear(nd.create(x).reshape(1, in), nd.create(w), nd.create(b)).singletonOrThrow();
            assertClose(y.toFloatArray(), Dense.apply(w, x, b), "dense " + in + "->" + out);
            // the same layer stored Keras-style (kernel[in][out]) gives the same outputs
            float[][] kernel = transpose(w);
            assertClose(y.toFloatArray(), Dense.fromKeras(kernel).bias(b).apply(x), "keras dense");
        }
    }

    @Test
    void activationsMatchDjl() {
        Random r = new Random(10);
        for (int t = 0; t < 50; t++) {
            int rows = 1 + r.nextInt(4);
            int n = 1 + r.nextInt(12);
            float scale = t < 25 ? 3 : 60; // large logits check the numerically stable forms
            float[][] x = random(r, 1, rows, n)[0];
            for (float[] row : x) {
                for (int j = 0; j < n; j++) {
                    row[j] *= scale;
                }
            }
            NDArray a = nd.create(x);
            assertClose(Activation.relu(a).toFloatArray(), Flatten.apply(Activations.relu(x)), "relu");
            assertClose(Activation.sigmoid(a).toFloatArray(), Flatten.apply(Activations.sigmoid(x)), "sigmoid");
            assertClose(a.softmax(-1).toFloatArray(), Flatten.apply(Activations.softmax(x)), "softmax");
        }
    }

    @Test
    void flattenMatchesDjlReshapeAndChannelsLastTranspose() {
        float[][][] x = random(new Random(11), 3, 4, 5);
        NDArray a = nchw(x).reshape(3, 4, 5);
        assertClose(a.flatten().toFloatArray(), Flatten.apply(x), "channels first");
        assertClose(a.transpose(1, 2, 0).flatten().toFloatArray(), Flatten.channelsLast(x), "channels last");
    }

    static float[][] transpose(float[][] w) {
        float[][] t = new float[w[0].length][w.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                t[j][i] = w[i][j];
            }
        }
        return t;
    }
}
