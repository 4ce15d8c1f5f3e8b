package dev.cnnlab.ops;

import java.util.List;

/**
 * True (textbook) 2-D convolution of one input channel with one kernel: cross-correlation with the kernel
 * flipped 180° (upside down and left to right).
 *
 * <pre>
 *   out[i][j] = Σ_u Σ_v  x[i·s − p + u·d][j·s − p + v·d] · k[kh − 1 − u][kw − 1 − v]      (zero outside x)
 * </pre>
 * Deep-learning libraries call {@link Corr2d cross-correlation} "convolution"; because the kernel is learned,
 * the flip makes no difference to what a network can learn, and for a symmetric kernel (such as
 * {@code [[0,1,0],[1,0,1],[0,1,0]]}) both give the same numbers. Output size as in {@link OutputShape}:
 * {@code floor((n + 2p − d·(k − 1) − 1) / s) + 1}.
 *
 * <pre>{@code
 * Conv2d.apply(x, k)                           // valid, stride 1
 * Conv2d.of(x, k).padding("same").compute()
 * Conv2d.explain(x, k)                         // shows the flipped kernel, then every sum of products
 * }</pre>
 */
public final class Conv2d {
    private final float[][] kernel;
    private final Corr2d flipped;

    private Conv2d(float[][] x, float[][] k) {
        this.kernel = Inputs.matrix(k, "kernel");
        this.flipped = Corr2d.of(x, flip(k));
    }

    /** A convolution of {@code input} with {@code kernel}: 'valid', stride 1, dilation 1 until changed. */
    public static Conv2d of(float[][] input, float[][] kernel) {
        return new Conv2d(input, kernel);
    }

    /** {@link #of(float[][], float[][])} for double literals. */
    public static Conv2d of(double[][] input, double[][] kernel) {
        return new Conv2d(Inputs.toFloat(input), Inputs.toFloat(kernel));
    }

    /** {@link #of(float[][], float[][])} for int literals. */
    public static Conv2d of(int[][] input, int[][] kernel) {
        return new Conv2d(Inputs.toFloat(input), Inputs.toFloat(kernel));
    }

    /** {@code p} zeros on every side. */
    public Conv2d padding(int p) {
        flipped.padding(p);
        return this;
    }

    /** {@code "valid"}, {@code "same"} or a number. */
    public Conv2d padding(String p) {
        flipped.padding(p);
        return this;
    }

    /** Any {@link Padding}. */
    public Conv2d padding(Padding p) {
        flipped.padding(p);
        return this;
    }

    /** Step between window positions, {@code s ≥ 1}. */
    public Conv2d stride(int s) {
        flipped.stride(s);
        return this;
    }

    /** Spacing between kernel taps, {@code d ≥ 1}. */
    public Conv2d dilation(int d) {
        flipped.dilation(d);
        return this;
    }

    /** {rows, cols} of the output: {@code floor((n + 2p − d·(k − 1) − 1) / s) + 1} per axis. */
    public int[] outputShape() {
        return flipped.outputShape();
    }

    /** The output feature map. */
    public Grid compute() {
        return flipped.compute();
    }

    /** The flipped kernel, then every output cell as its sum of products with the window highlighted. */
    public Explanation explain() {
        return flipped.explain("Convolution = cross-correlation with the kernel flipped 180°",
                List.of(new Explanation.Panel("kernel as given", kernel, null, null)), "flipped kernel",
                "out[i][j] = Σ_u Σ_v input[i·s − p + u·d][j·s − p + v·d] · kernel[kh − 1 − u][kw − 1 − v]");
    }

    /** Valid convolution, stride 1. */
    public static Grid apply(float[][] input, float[][] kernel) {
        return of(input, kernel).compute();
    }

    /** Valid convolution, stride 1, for double literals. */
    public static Grid apply(double[][] input, double[][] kernel) {
        return of(input, kernel).compute();
    }

    /** Valid convolution, stride 1, for int literals. */
    public static Grid apply(int[][] input, int[][] kernel) {
        return of(input, kernel).compute();
    }

    /** Convolution with {@code padding} zeros per side and the given stride. */
    public static Grid apply(float[][] input, float[][] kernel, int padding, int stride) {
        return of(input, kernel).padding(padding).stride(stride).compute();
    }

    /** Step-by-step view of the valid, stride-1 convolution. */
    public static Explanation explain(float[][] input, float[][] kernel) {
        return of(input, kernel).explain();
    }

    /** Step-by-step view for double literals. */
    public static Explanation explain(double[][] input, double[][] kernel) {
        return of(input, kernel).explain();
    }

    /** Step-by-step view for int literals. */
    public static Explanation explain(int[][] input, int[][] kernel) {
        return of(input, kernel).explain();
    }

    /** The kernel rotated 180°: {@code flip(k)[u][v] = k[kh − 1 − u][kw − 1 − v]}. */
    public static float[][] flip(float[][] kernel) {
        Inputs.matrix(kernel, "kernel");
        int h = kernel.length;
        int w = kernel[0].length;
        float[][] f = new float[h][w];
        for (int u = 0; u < h; u++) {
            for (int v = 0; v < w; v++) {
                f[u][v] = kernel[h - 1 - u][w - 1 - v];
            }
        }
        return f;
    }
}
