package dev.cnnlab.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * A convolution layer as networks use it (Keras {@code Conv2D}, DJL {@code Conv2d}): cross-correlation over
 * all input channels, one kernel stack per output channel, plus a bias.
 *
 * <pre>
 *   out[o][i][j] = b[o] + Σ_c Σ_u Σ_v  x[c][i·s − p + u·d][j·s − p + v·d] · w[o][c][u][v]
 * </pre>
 * Shapes: input {@code x[C][H][W]}, weight {@code w[O][C][kh][kw]} (DJL/PyTorch order; Keras stores
 * {@code (kh, kw, C, O)}), bias {@code b[O]}, output {@code out[O][H'][W']} with
 * {@code H' = floor((H + 2p − d·(kh − 1) − 1) / s) + 1} (see {@link OutputShape}). Each output channel sums
 * over <em>every</em> input channel, which is why a layer has {@code kh·kw·C·O + O} parameters
 * ({@link #parameterCount}). A 1x1 kernel ({@link #pointwise}) mixes channels at each pixel without looking
 * at neighbours.
 *
 * <pre>{@code
 * float[][][] y = ConvLayer.of(x, w).bias(b).padding(1).compute();
 * ConvLayer.of(x, w).bias(b).explain();
 * ConvLayer.parameterCount(32, 64, 3, 3)     // 18,496
 * }</pre>
 */
public final class ConvLayer {
    private final float[][][] x;
    private final float[][][][] w;
    private float[] bias;
    private Padding padding = Padding.VALID;
    private int stride = 1;
    private int dilation = 1;

    private ConvLayer(float[][][] x, float[][][][] w) {
        this.x = Inputs.volume(x, "input");
        this.w = Inputs.weights(w, "weight");
        if (w[0].length != x.length) {
            throw new IllegalArgumentException("channel mismatch: input has " + x.length
                    + " channels but weight[o] has " + w[0].length + " (weight is out x in x kh x kw = "
                    + w.length + "x" + Inputs.shape(w[0]) + ")");
        }
    }

    /** A layer applied to {@code input[C][H][W]} with {@code weight[O][C][kh][kw]}; no bias until set. */
    public static ConvLayer of(float[][][] input, float[][][][] weight) {
        return new ConvLayer(input, weight);
    }

    /** {@link #of(float[][][], float[][][][])} for double literals. */
    public static ConvLayer of(double[][][] input, double[][][][] weight) {
        return new ConvLayer(Inputs.toFloat(input), Inputs.toFloat(weight));
    }

    /** One bias per output channel ({@code bias.length == O}). */
    public ConvLayer bias(float... b) {
        Inputs.vector(b, "bias");
        if (b.length != w.length) {
            throw new IllegalArgumentException("bias has " + b.length + " values but the weight has "
                    + w.length + " output channels");
        }
        this.bias = b.clone();
        return this;
    }

    /** {@link #bias(float...)} for double literals. */
    public ConvLayer bias(double... b) {
        return bias(Inputs.toFloat(b));
    }

    /** {@code p} zeros on every side of every channel. */
    public ConvLayer padding(int p) {
        return padding(Padding.of(p));
    }

    /** {@code "valid"}, {@code "same"} or a number. */
    public ConvLayer padding(String p) {
        return padding(Padding.of(p));
    }

    /** Any {@link Padding}. */
    public ConvLayer padding(Padding p) {
        if (p == null) {
            throw new IllegalArgumentException("padding is null: use Padding.VALID, Padding.SAME or a number");
        }
        this.padding = p;
        return this;
    }

    /** Step between window positions, {@code s ≥ 1}. */
    public ConvLayer stride(int s) {
        Inputs.positive(s, "stride");
        this.stride = s;
        return this;
    }

    /** Spacing between kernel taps, {@code d ≥ 1}. */
    public ConvLayer dilation(int d) {
        Inputs.positive(d, "dilation");
        this.dilation = d;
        return this;
    }

    /** {O, H', W'}. */
    public int[] outputShape() {
        Window win = window();
        return new int[] {w.length, win.outH(), win.outW()};
    }

    /** The output feature maps {@code out[O][H'][W']}. */
    public float[][][] compute() {
        Window win = window();
        float[][][] out = new float[w.length][][];
        for (int o = 0; o < w.length; o++) {
            double[][] acc = new double[win.outH()][win.outW()];
            for (int c = 0; c < x.length; c++) {
                Corr2d.accumulate(x[c], w[o][c], win, acc);
            }
            double b = bias == null ? 0 : bias[o];
            for (double[] row : acc) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += b;
                }
            }
            out[o] = Corr2d.toFloat(acc);
        }
        return out;
    }

    /** Every output cell as the sum over channels of window·kernel products, plus the bias. */
    public Explanation explain() {
        Window win = window();
        float[][][] out = compute();
        Explanation e = new Explanation("Convolution layer: cross-correlation summed over input channels, plus bias")
                .note("input " + Inputs.shape(x) + " (C x H x W), weight " + w.length + "x" + Inputs.shape(w[0])
                        + " (O x C x kh x kw), " + win.describe())
                .note("out[o][i][j] = b[o] + Σ_c Σ_u Σ_v x[c][i·s − p + u·d][j·s − p + v·d] · w[o][c][u][v]")
                .note("each bracket below is one input channel's window·kernel products; padding cells are 0");
        for (int c = 0; c < x.length; c++) {
            e.operand("x[" + c + "] (input channel " + c + ")", x[c]);
        }
        for (int o = 0; o < w.length; o++) {
            for (int c = 0; c < x.length; c++) {
                e.operand("w[" + o + "][" + c + "]", w[o][c]);
            }
        }
        if (bias != null) {
            e.operand("b", new float[][] {bias});
        }
        for (int o = 0; o < out.length; o++) {
            e.operand("out[" + o + "]", out[o]);
        }
        for (int o = 0; o < out.length; o++) {
            for (int i = 0; i < win.outH(); i++) {
                for (int j = 0; j < win.outW(); j++) {
                    if (!e.wants()) {
                        continue;
                    }
                    List<String> parts = new ArrayList<>();
                    List<Explanation.Panel> panels = new ArrayList<>();
                    for (int c = 0; c < x.length; c++) {
                        List<String> terms = new ArrayList<>();
                        Corr2d.products(x[c], w[o][c], win, i, j, terms);
                        parts.add(x.length == 1 ? String.join(" + ", terms) : "(" + String.join(" + ", terms) + ")");
                        panels.add(win.panel("x[" + c + "]", x[c], i, j));
                        panels.add(new Explanation.Panel("w[" + o + "][" + c + "]", w[o][c], null, null));
                    }
                    if (bias != null) {
                        parts.add(Num.factor(bias[o]));
                    }
                    panels.add(Window.result("out[" + o + "]", out[o], i, j));
                    e.step("out[" + o + "][" + i + "][" + j + "]",
                            String.join(" + ", parts) + " = " + Num.fmt(out[o][i][j]), panels);
                }
            }
        }
        return e;
    }

    /** Valid, stride 1: {@code out[o] = b[o] + Σ_c x[c] ⋆ w[o][c]}; {@code bias} may be null. */
    public static float[][][] apply(float[][][] input, float[][][][] weight, float[] bias) {
        ConvLayer l = of(input, weight);
        return bias == null ? l.compute() : l.bias(bias).compute();
    }

    /**
     * 1x1 convolution: {@code out[o][i][j] = b[o] + Σ_c w[o][c] · x[c][i][j]}, a dense layer applied at every
     * pixel. {@code weight} is {@code [O][C]}; {@code bias} may be null.
     */
    public static float[][][] pointwise(float[][][] input, float[][] weight, float[] bias) {
        return apply(input, asKernels(weight), bias);
    }

    /** The 1x1 case as a 4-D weight {@code [O][C][1][1]}, e.g. to explain it. */
    public static float[][][][] asKernels(float[][] weight) {
        Inputs.matrix(weight, "weight");
        float[][][][] k = new float[weight.length][weight[0].length][1][1];
        for (int o = 0; o < weight.length; o++) {
            for (int c = 0; c < weight[0].length; c++) {
                k[o][c][0][0] = weight[o][c];
            }
        }
        return k;
    }

    /** Learnable numbers in a layer: {@code kh·kw·C·O + O} (weights plus one bias per output channel). */
    public static long parameterCount(int inChannels, int outChannels, int kh, int kw) {
        Inputs.positive(inChannels, "inChannels");
        Inputs.positive(outChannels, "outChannels");
        Inputs.positive(kh, "kh");
        Inputs.positive(kw, "kw");
        return (long) kh * kw * inChannels * outChannels + outChannels;
    }

    private Window window() {
        return Window.of(x[0].length, x[0][0].length, w[0][0].length, w[0][0][0].length, padding, stride, dilation);
    }
}
