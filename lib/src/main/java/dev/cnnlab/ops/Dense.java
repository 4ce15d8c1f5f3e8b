package dev.cnnlab.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * A dense (fully connected) layer: every output is a weighted sum of every input, plus a bias.
 *
 * <pre>
 *   y = W·x + b,      y[o] = Σ_i W[o][i] · x[i] + b[o]
 * </pre>
 * {@code W} has one <b>row per output</b> ({@code W[out][in]}), the layout of DJL's {@code Linear} weight
 * and PyTorch's {@code nn.Linear}. Keras stores the transpose: its {@code Dense} kernel is {@code [in][out]}
 * and computes {@code y = x·K + b}; convert with {@link #fromKeras(float[][])}. A layer with {@code n} inputs
 * and {@code m} outputs has {@code n·m + m} parameters ({@link #parameterCount}).
 *
 * <pre>{@code
 * Dense.apply(new double[][] {{0, 1}, {1, 0}}, new double[] {15, 19}, new double[] {1, 1})   // [20, 16]
 * Dense.of(w).bias(b).explain(x)
 * }</pre>
 */
public final class Dense {
    private final float[][] w;
    private float[] bias;

    private Dense(float[][] w) {
        this.w = Inputs.copy(Inputs.matrix(w, "W"));
    }

    /** A layer with weight {@code W[out][in]} and no bias until set. */
    public static Dense of(float[][] w) {
        return new Dense(w);
    }

    /** {@link #of(float[][])} for double literals. */
    public static Dense of(double[][] w) {
        return new Dense(Inputs.toFloat(w));
    }

    /** A layer from a Keras kernel {@code K[in][out]} (Keras computes {@code x·K}); transposed to {@code W[out][in]}. */
    public static Dense fromKeras(float[][] kernel) {
        Inputs.matrix(kernel, "kernel");
        float[][] t = new float[kernel[0].length][kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            for (int o = 0; o < kernel[0].length; o++) {
                t[o][i] = kernel[i][o];
            }
        }
        return new Dense(t);
    }

    /** One bias per output ({@code b.length == W.length}). */
    public Dense bias(float... b) {
        Inputs.vector(b, "bias");
        if (b.length != w.length) {
            throw new IllegalArgumentException("bias has " + b.length + " values but W has " + w.length
                    + " rows (one per output)");
        }
        this.bias = b.clone();
        return this;
    }

    /** {@link #bias(float...)} for double literals. */
    public Dense bias(double... b) {
        return bias(Inputs.toFloat(b));
    }

    /** {@code W·x + b}. */
    public float[] apply(float[] x) {
        check(x);
        float[] y = new float[w.length];
        for (int o = 0; o < w.length; o++) {
            double s = bias == null ? 0 : bias[o];
            for (int i = 0; i < x.length; i++) {
                s += (double) w[o][i] * x[i];
            }
            y[o] = (float) s;
        }
        return y;
    }

    /** {@link #apply(float[])} for double literals. */
    public float[] apply(double[] x) {
        return apply(Inputs.toFloat(x));
    }

    /** Each output as {@code w·x + b}, spelled out, with its row of W highlighted. */
    public Explanation explain(float[] x) {
        check(x);
        float[] y = apply(x);
        Explanation e = new Explanation("Dense layer: y = W·x + b (W has one row per output)")
                .note("W " + w.length + "x" + w[0].length + " (out x in), x has " + x.length + " values"
                        + (bias == null ? ", no bias" : ""))
                .operand("W", w).operand("x", new float[][] {x});
        if (bias != null) {
            e.operand("b", new float[][] {bias});
        }
        e.operand("y", new float[][] {y});
        for (int o = 0; o < w.length; o++) {
            if (!e.wants()) {
                continue;
            }
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                terms.add(Num.factor(w[o][i]) + "·" + Num.factor(x[i]));
            }
            if (bias != null) {
                terms.add(Num.factor(bias[o]));
            }
            String[][] mark = new String[w.length][w[0].length];
            java.util.Arrays.fill(mark[o], GridHtml.WINDOW);
            String[][] ymark = new String[1][y.length];
            ymark[0][o] = GridHtml.RESULT;
            e.step("y[" + o + "]", String.join(" + ", terms) + " = " + Num.fmt(y[o]),
                    List.of(new Explanation.Panel("W (row " + o + ")", w, mark, null),
                            new Explanation.Panel("x", new float[][] {x}, null, null),
                            new Explanation.Panel("y", new float[][] {y}, ymark, null)));
        }
        return e;
    }

    /** {@link #explain(float[])} for double literals. */
    public Explanation explain(double[] x) {
        return explain(Inputs.toFloat(x));
    }

    /** {@code W·x} with {@code W[out][in]}. */
    public static float[] apply(float[][] w, float[] x) {
        return of(w).apply(x);
    }

    /** {@code W·x + b} with {@code W[out][in]}. */
    public static float[] apply(float[][] w, float[] x, float[] b) {
        return of(w).bias(b).apply(x);
    }

    /** {@code W·x + b} for double literals; {@code b} may be null. */
    public static float[] apply(double[][] w, double[] x, double[] b) {
        Dense d = of(w);
        return (b == null ? d : d.bias(b)).apply(x);
    }

    /** Step-by-step {@code W·x + b}; {@code b} may be null. */
    public static Explanation explain(float[][] w, float[] x, float[] b) {
        Dense d = of(w);
        return (b == null ? d : d.bias(b)).explain(x);
    }

    /** Step-by-step {@code W·x + b} for double literals; {@code b} may be null. */
    public static Explanation explain(double[][] w, double[] x, double[] b) {
        Dense d = of(w);
        return (b == null ? d : d.bias(b)).explain(x);
    }

    /** Learnable numbers: {@code in·out + out}. */
    public static long parameterCount(int in, int out) {
        Inputs.positive(in, "in");
        Inputs.positive(out, "out");
        return (long) in * out + out;
    }

    private void check(float[] x) {
        Inputs.vector(x, "x");
        if (x.length != w[0].length) {
            throw new IllegalArgumentException("x has " + x.length + " values but W has " + w[0].length
                    + " columns (one per input); W is " + w.length + "x" + w[0].length
                    + " (out x in" + (x.length == w.length ? "; a Keras kernel is in x out: use Dense.fromKeras" : "")
                    + ")");
        }
    }
}
