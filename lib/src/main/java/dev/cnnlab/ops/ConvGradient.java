package dev.cnnlab.ops;

/**
 * Backpropagation through one convolution layer ({@link Corr2d}: one input channel, one kernel, a bias): given the
 * gradient of the loss with respect to the layer's output, the gradients with respect to its kernel, its input and
 * its bias.
 *
 * <p>For {@code Y = X ⋆ K + b} (cross-correlation, stride {@code s}, padding {@code p}) and {@code G = ∂L/∂Y}:
 * <pre>
 *   ∂L/∂K[u][v] = Σ_i Σ_j G[i][j] · X[i·s − p + u][j·s − p + v]     at stride 1: X ⋆ G (the input correlated with G)
 *   ∂L/∂X[r][c] = Σ over every (i, j, u, v) with i·s − p + u = r, j·s − p + v = c of G[i][j] · K[u][v]
 *                                                                   at stride 1, no padding: G padded by k−1,
 *                                                                   correlated with K turned 180° ("full convolution")
 *   ∂L/∂b       = Σ_i Σ_j G[i][j]
 * </pre>
 * Each output cell {@code Y[i][j]} used each kernel weight once and each input cell under its window once, so the
 * chain rule sends {@code G[i][j]} back along exactly those products. The sums run in double precision.
 *
 * <pre>{@code
 * var g = ConvGradient.of(x, k).upstream(gy);      // x 4x4, k 3x3, gy 2x2
 * g.kernel()                                        // 3x3: ∂L/∂K
 * g.input()                                         // 4x4: ∂L/∂X
 * g.bias()                                          // ∂L/∂b
 * }</pre>
 */
public final class ConvGradient {
    private final float[][] x;
    private final float[][] k;
    private float[][] g;
    private Padding padding = Padding.VALID;
    private int stride = 1;

    private ConvGradient(float[][] x, float[][] k) {
        this.x = Inputs.matrix(x, "input");
        this.k = Inputs.matrix(k, "kernel");
    }

    /** The layer {@code input ⋆ kernel}: 'valid', stride 1 until changed; set the output's gradient with {@link #upstream}. */
    public static ConvGradient of(float[][] input, float[][] kernel) {
        return new ConvGradient(input, kernel);
    }

    /** {@link #of(float[][], float[][])} for double literals. */
    public static ConvGradient of(double[][] input, double[][] kernel) {
        return new ConvGradient(Inputs.toFloat(input), Inputs.toFloat(kernel));
    }

    /** {@link #of(float[][], float[][])} for int literals. */
    public static ConvGradient of(int[][] input, int[][] kernel) {
        return new ConvGradient(Inputs.toFloat(input), Inputs.toFloat(kernel));
    }

    /** {@code p} zeros on every side of the input, as in {@link Corr2d#padding(int)}. */
    public ConvGradient padding(int p) {
        this.padding = Padding.of(p);
        return this;
    }

    /** Step between window positions, {@code s ≥ 1}. */
    public ConvGradient stride(int s) {
        Inputs.positive(s, "stride");
        this.stride = s;
        return this;
    }

    /** {@code ∂L/∂Y}: one value per output cell, so its shape is the layer's output shape. */
    public ConvGradient upstream(float[][] gradient) {
        this.g = Inputs.copy(Inputs.matrix(gradient, "upstream gradient"));
        return this;
    }

    /** {@link #upstream(float[][])} for double literals. */
    public ConvGradient upstream(double[][] gradient) {
        return upstream(Inputs.toFloat(gradient));
    }

    /** {@link #upstream(float[][])} for int literals. */
    public ConvGradient upstream(int[][] gradient) {
        return upstream(Inputs.toFloat(gradient));
    }

    /** {@link #upstream(float[][])} from a grid, e.g. what the next layer ({@link PoolGradient#input()}) passed back. */
    public ConvGradient upstream(Grid gradient) {
        return upstream(gradient.toArray());
    }

    /** The layer's output {@code X ⋆ K} (no bias), whose shape the upstream gradient must have. */
    public Grid output() {
        return Corr2d.of(x, k).padding(padding).stride(stride).compute();
    }

    /** {@code ∂L/∂K}, the shape of the kernel: the update a gradient-descent step subtracts (times the learning rate). */
    public Grid kernel() {
        Window w = checked();
        double[][] dk = new double[w.kH()][w.kW()];
        for (int i = 0; i < w.outH(); i++) {
            for (int j = 0; j < w.outW(); j++) {
                for (int u = 0; u < w.kH(); u++) {
                    for (int v = 0; v < w.kW(); v++) {
                        int r = w.row(i, u);
                        int c = w.col(j, v);
                        if (w.inside(r, c)) {
                            dk[u][v] += (double) g[i][j] * x[r][c];
                        }
                    }
                }
            }
        }
        return Grid.wrap(Corr2d.toFloat(dk));
    }

    /** {@code ∂L/∂X}, the shape of the input: what this layer passes back to the layer before it. */
    public Grid input() {
        Window w = checked();
        double[][] dx = new double[w.inH()][w.inW()];
        for (int i = 0; i < w.outH(); i++) {
            for (int j = 0; j < w.outW(); j++) {
                for (int u = 0; u < w.kH(); u++) {
                    for (int v = 0; v < w.kW(); v++) {
                        int r = w.row(i, u);
                        int c = w.col(j, v);
                        if (w.inside(r, c)) {
                            dx[r][c] += (double) g[i][j] * k[u][v]; // padding cells have no gradient to keep
                        }
                    }
                }
            }
        }
        return Grid.wrap(Corr2d.toFloat(dx));
    }

    /** {@code ∂L/∂b}: the sum of the upstream gradient (the bias was added to every output cell). */
    public double bias() {
        checked();
        double s = 0;
        for (float[] row : g) {
            for (float v : row) {
                s += v;
            }
        }
        return s;
    }

    private Window checked() {
        if (g == null) {
            throw new IllegalStateException("no upstream gradient: call upstream(dL/dY) first, one value per output cell");
        }
        Window w = Window.of(x.length, x[0].length, k.length, k[0].length, padding, stride, 1);
        if (g.length != w.outH() || g[0].length != w.outW()) {
            throw new IllegalArgumentException("upstream gradient is " + g.length + "x" + g[0].length + " but the output of input "
                    + x.length + "x" + x[0].length + " ⋆ kernel " + k.length + "x" + k[0].length + " (" + w.describe()
                    + ") is " + w.outH() + "x" + w.outW());
        }
        return w;
    }
}
