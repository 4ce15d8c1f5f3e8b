package dev.cnnlab.ops;

import java.util.List;

/**
 * The non-linearities between layers, element by element (softmax per vector).
 *
 * <pre>
 *   ReLU:     relu(x)    = max(0, x)
 *   sigmoid:  σ(x)       = 1 / (1 + e^(−x))                      (in (0, 1); for binary outputs)
 *   softmax:  softmax(x)_i = e^(x_i − m) / Σ_j e^(x_j − m),  m = max_j x_j   (sums to 1; for classes)
 * </pre>
 * Subtracting the maximum {@code m} changes nothing mathematically (it cancels) but keeps {@code e^x} from
 * overflowing: softmax of {@code [1000, 1001]} is {@code [0.269, 0.731]}, not NaN. Sigmoid is computed as
 * {@code e^x / (1 + e^x)} for negative {@code x} for the same reason.
 */
public final class Activations {
    private Activations() {}

    /** {@code max(0, x)}. */
    public static float relu(float x) {
        return x > 0 ? x : 0f;
    }

    /** ReLU of every element. */
    public static float[] relu(float[] x) {
        Inputs.vector(x, "x");
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = relu(x[i]);
        }
        return y;
    }

    /** ReLU of every element. */
    public static float[][] relu(float[][] x) {
        Inputs.matrix(x, "x");
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = relu(x[i]);
        }
        return y;
    }

    /** ReLU of every element of every channel. */
    public static float[][][] relu(float[][][] x) {
        Inputs.volume(x, "x");
        float[][][] y = new float[x.length][][];
        for (int c = 0; c < x.length; c++) {
            y[c] = relu(x[c]);
        }
        return y;
    }

    /** ReLU of a feature map. */
    public static Grid relu(Grid x) {
        return Grid.wrap(relu(x.toArray()));
    }

    /** {@code 1 / (1 + e^(−x))}, without overflow for large negative x. */
    public static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /** Sigmoid of every element. */
    public static float[] sigmoid(float[] x) {
        Inputs.vector(x, "x");
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = sigmoid(x[i]);
        }
        return y;
    }

    /** Sigmoid of every element. */
    public static float[][] sigmoid(float[][] x) {
        Inputs.matrix(x, "x");
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = sigmoid(x[i]);
        }
        return y;
    }

    /** Sigmoid of every element of every channel. */
    public static float[][][] sigmoid(float[][][] x) {
        Inputs.volume(x, "x");
        float[][][] y = new float[x.length][][];
        for (int c = 0; c < x.length; c++) {
            y[c] = sigmoid(x[c]);
        }
        return y;
    }

    /** {@code e^(x_i − max) / Σ_j e^(x_j − max)}: probabilities that sum to 1. */
    public static float[] softmax(float[] x) {
        Inputs.vector(x, "x");
        double m = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            m = Math.max(m, v);
        }
        double[] e = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            e[i] = Math.exp(x[i] - m);
            sum += e[i];
        }
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (e[i] / sum);
        }
        return y;
    }

    /** {@link #softmax(float[])} for double literals. */
    public static float[] softmax(double[] x) {
        return softmax(Inputs.toFloat(x));
    }

    /** Softmax of each row (one row per sample, like DJL's {@code softmax(-1)} on a batch). */
    public static float[][] softmax(float[][] x) {
        Inputs.matrix(x, "x");
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = softmax(x[i]);
        }
        return y;
    }

    /** Every element as {@code max(0, x) = y}. */
    public static Explanation explainRelu(float[][] x) {
        float[][] y = relu(x);
        Explanation e = new Explanation("ReLU: max(0, x), element by element").operand("x", x).operand("relu(x)", y);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                if (e.wants()) {
                    e.step("relu(x[" + i + "][" + j + "])", "max(0, " + Num.fmt(x[i][j]) + ") = " + Num.fmt(y[i][j]),
                            List.of(Window.result("relu(x)", y, i, j)));
                }
            }
        }
        return e;
    }

    /** Every element as {@code 1 / (1 + e^(−x)) = y}. */
    public static Explanation explainSigmoid(float[] x) {
        float[] y = sigmoid(x);
        Explanation e = new Explanation("Sigmoid: 1 / (1 + e^(−x)), element by element")
                .operand("x", new float[][] {x}).operand("σ(x)", new float[][] {y});
        for (int i = 0; i < x.length; i++) {
            if (e.wants()) {
                e.step("σ(x[" + i + "])", "1 / (1 + e^(" + Num.fmt(-x[i]) + ")) = " + Num.fmt(y[i]), List.of());
            }
        }
        return e;
    }

    /** Every probability as {@code e^(x_i − max) / Σ e^(x_j − max)}, with the shared max and sum shown. */
    public static Explanation explainSoftmax(float[] x) {
        float[] y = softmax(x);
        float m = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            m = Math.max(m, v);
        }
        double sum = 0;
        for (float v : x) {
            sum += Math.exp(v - m);
        }
        Explanation e = new Explanation("Softmax: e^(x_i − max) / Σ_j e^(x_j − max)")
                .note("max = " + Num.fmt(m) + " (subtracted so e^x cannot overflow), Σ_j e^(x_j − max) = " + Num.fmt(sum))
                .operand("x", new float[][] {x}).operand("softmax(x)", new float[][] {y});
        for (int i = 0; i < x.length; i++) {
            if (e.wants()) {
                e.step("softmax[" + i + "]", "e^(" + Num.fmt(x[i]) + " − " + Num.factor(m) + ") / " + Num.fmt(sum)
                        + " = " + Num.fmt(Math.exp(x[i] - m)) + " / " + Num.fmt(sum) + " = " + Num.fmt(y[i]), List.of());
            }
        }
        return e;
    }

    /** {@link #explainSoftmax(float[])} for double literals. */
    public static Explanation explainSoftmax(double[] x) {
        return explainSoftmax(Inputs.toFloat(x));
    }
}
