package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gradient descent recovers a known kernel from input/output pairs. */
class KernelFitTest {
    static final float[][] SOBEL_X = {{1, 0, -1}, {2, 0, -2}, {1, 0, -1}};

    @Test
    void oneStepByHand() {
        // one 3x3 input, a 2x2 kernel starting at 0: Y = 0, G = (0 − T)/M with M = 4
        float[][][] x = {{{1, 0, 0}, {0, 0, 0}, {0, 0, 0}}};
        float[][][] t = {{{2, 0}, {0, 0}}};                     // made by K = [[2, 0], [0, 0]]
        var fit = KernelFit.of(x, t).size(2).learningRate(1).steps(1).run();
        // L(0) = (1/(2·4))·2² = 0.5; ∂L/∂K[0][0] = (1/4)·X[0][0]·(0 − 2) = −0.5, the other taps see no X; K ← 0 + 0.5
        assertEquals(0.5, fit.losses()[0], 1e-12);
        assertEquals(0.5f, fit.kernel().get(0, 0), 1e-7);
        assertEquals(0f, fit.kernel().get(1, 1), 0);
        // L(K) = (1/8)·(0.5 − 2)² = 0.28125
        assertEquals(0.28125, fit.finalLoss(), 1e-7);
    }

    @Test
    void recoversSobelFromRandomImages() {
        Random r = new Random(1);
        float[][][] x = new float[4][12][12];
        float[][][] t = new float[4][][];
        for (int n = 0; n < 4; n++) {
            for (float[] row : x[n]) for (int j = 0; j < 12; j++) row[j] = r.nextFloat();
            t[n] = Corr2d.apply(x[n], SOBEL_X).toArray();
        }
        var fit = KernelFit.of(x, t).learningRate(0.5).steps(400).run();
        for (int u = 0; u < 3; u++) {
            for (int v = 0; v < 3; v++) assertEquals(SOBEL_X[u][v], fit.kernel().get(u, v), 1e-3, "tap " + u + "," + v);
        }
        double[] l = fit.losses();
        for (int i = 1; i < l.length; i++) assertTrue(l[i] <= l[i - 1] + 1e-12, "loss rose at step " + i);
        assertTrue(fit.finalLoss() < 1e-6 * l[0], "final loss " + fit.finalLoss());
    }

    @Test
    void badExamplesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> KernelFit.of(new float[1][5][5], new float[1][2][2]).size(3).run());
        assertTrue(e.getMessage().contains("target 0 is 2x2") && e.getMessage().contains("3x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelFit.of(new float[2][5][5], new float[1][3][3]));
    }
}
