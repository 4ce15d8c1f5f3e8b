package dev.cnnlab.ops;

import static dev.cnnlab.ops.ConvGradientTest.assertGrid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.cnnlab.device.Devices;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written gradients against DJL's autograd ({@link GradientCollector}) on the engine this run uses (the
 * build runs the library tests once on MXNet, once on PyTorch). The loss is {@code L = Σ G ⊙ Y}, so {@code ∂L/∂Y = G}.
 */
class AutogradComparisonTest {
    static float[][] matrix(NDArray a) {
        long[] s = a.getShape().getShape();
        int h = (int) s[s.length - 2], w = (int) s[s.length - 1];
        float[] f = a.toFloatArray();
        float[][] m = new float[h][w];
        for (int i = 0; i < h; i++) System.arraycopy(f, i * w, m[i], 0, w);
        return m;
    }

    static NDArray nchw(NDManager m, float[][] a) {
        return m.create(Flatten.apply(new float[][][] {a}), new Shape(1, 1, a.length, a[0].length));
    }

    @Test
    void convolutionGradientsMatchAutograd() {
        Random r = new Random(2);
        try (NDManager m = Devices.engine().newBaseManager()) {
            for (int[] c : new int[][] {{4, 4, 3, 0, 1}, {7, 6, 3, 1, 2}, {6, 8, 2, 0, 1}}) {
                float[][] x = ConvGradientTest.random(r, c[0], c[1]);
                float[][] k = ConvGradientTest.random(r, c[2], c[2]);
                int pad = c[3], stride = c[4];
                int[] out = Corr2d.of(x, k).padding(pad).stride(stride).outputShape();
                float[][] g = ConvGradientTest.random(r, out[0], out[1]);
                NDArray xs = nchw(m, x), ks = nchw(m, k), bs = m.create(new float[] {0.5f});
                xs.setRequiresGradient(true);
                ks.setRequiresGradient(true);
                bs.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getEngine(m.getEngine().getEngineName()).newGradientCollector()) {
                    NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(xs, ks, bs, new Shape(stride, stride),
                            new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow();
                    gc.backward(y.mul(nchw(m, g)).sum());
                }
                var mine = ConvGradient.of(x, k).padding(pad).stride(stride).upstream(g);
                String what = m.getEngine().getEngineName() + " " + java.util.Arrays.toString(c);
                assertGrid(matrix(ks.getGradient()), mine.kernel(), 1e-5);
                assertGrid(matrix(xs.getGradient()), mine.input(), 1e-5);
                assertEquals(bs.getGradient().getFloat(0), mine.bias(), 1e-5, what);
            }
        }
    }

    @Test
    void poolingGradientsMatchAutograd() {
        Random r = new Random(4);
        try (NDManager m = Devices.engine().newBaseManager()) {
            for (int[] c : new int[][] {{4, 4, 2, 2}, {6, 6, 3, 1}, {5, 7, 2, 2}}) {
                float[][] x = ConvGradientTest.random(r, c[0], c[1]);
                for (boolean max : new boolean[] {true, false}) {
                    var pg = (max ? PoolGradient.max(x) : PoolGradient.avg(x)).size(c[2]).stride(c[3]);
                    Grid out = pg.output();
                    float[][] g = ConvGradientTest.random(r, out.rows(), out.cols());
                    NDArray xs = nchw(m, x);
                    xs.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getEngine(m.getEngine().getEngineName()).newGradientCollector()) {
                        Shape k = new Shape(c[2], c[2]), s = new Shape(c[3], c[3]), p = new Shape(0, 0);
                        NDArray y = max ? ai.djl.nn.pooling.Pool.maxPool2d(xs, k, s, p, false)
                                : ai.djl.nn.pooling.Pool.avgPool2d(xs, k, s, p, false, true);
                        gc.backward(y.mul(nchw(m, g)).sum());
                    }
                    assertGrid(matrix(xs.getGradient()), pg.upstream(g).input(), 1e-5);
                }
            }
        }
    }

    @Test
    void aTiedMaximumGetsTheWholeGradientOnTheFirstCellOnBothEngines() {
        float[][] x = {{5, 5}, {5, 1}};
        try (NDManager m = Devices.engine().newBaseManager()) {
            NDArray xs = nchw(m, x);
            xs.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine(m.getEngine().getEngineName()).newGradientCollector()) {
                gc.backward(ai.djl.nn.pooling.Pool.maxPool2d(xs, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false).sum());
            }
            assertGrid(matrix(xs.getGradient()), PoolGradient.max(x).upstream(new float[][] {{1}}).input(), 0);
        }
    }
}
