package dev.cnnlab.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D cross-correlation of one input channel with one kernel: the operation every deep-learning
 * "convolution" layer actually computes (Keras {@code Conv2D}, DJL {@code Conv2d}, PyTorch {@code conv2d}).
 *
 * <pre>
 *   out[i][j] = Σ_u Σ_v  x[i·s − p + u·d][j·s − p + v·d] · k[u][v]        (zero outside x)
 * </pre>
 * with stride {@code s}, padding {@code p} and dilation {@code d}. The kernel is <em>not</em> flipped; see
 * {@link Conv2d} for the textbook convolution. Output size per axis (see {@link OutputShape}):
 * {@code floor((n + 2p − d·(k − 1) − 1) / s) + 1}.
 *
 * <pre>{@code
 * Corr2d.apply(new int[][] {{1,2,3},{4,5,6},{7,8,9}}, new int[][] {{0,1,0},{1,0,1},{0,1,0}})   // [[20]]
 * Corr2d.of(x, k).padding("same").compute()                                                   // 3x3
 * Corr2d.of(x, k).padding(1).stride(2).explain()                                              // step by step
 * }</pre>
 */
public final class Corr2d {
    private final float[][] x;
    private final float[][] k;
    private Padding padding = Padding.VALID;
    private int stride = 1;
    private int dilation = 1;

    private Corr2d(float[][] x, float[][] k) {
        this.x = Inputs.matrix(x, "input");
        this.k = Inputs.matrix(k, "kernel");
    }

    /** A correlation of {@code input} with {@code kernel}: 'valid', stride 1, dilation 1 until changed. */
    public static Corr2d of(float[][] input, float[][] kernel) {
        return new Corr2d(input, kernel);
    }

    /** {@link #of(float[][], float[][])} for double literals. */
    public static Corr2d of(double[][] input, double[][] kernel) {
        return new Corr2d(Inputs.toFloat(input), Inputs.toFloat(kernel));
    }

    /** {@link #of(float[][], float[][])} for int literals. */
    public static Corr2d of(int[][] input, int[][] kernel) {
        return new Corr2d(Inputs.toFloat(input), Inputs.toFloat(kernel));
    }

    /** {@code p} zeros on every side. */
    public Corr2d padding(int p) {
        return padding(Padding.of(p));
    }

    /** {@code "valid"}, {@code "same"} or a number. */
    public Corr2d padding(String p) {
        return padding(Padding.of(p));
    }

    /** Any {@link Padding}. */
    public Corr2d padding(Padding p) {
        if (p == null) {
            throw new IllegalArgumentException("padding is null: use Padding.VALID, Padding.SAME or a number");
        }
        this.padding = p;
        return this;
    }

    /** Step between window positions, {@code s ≥ 1}. */
    public Corr2d stride(int s) {
        Inputs.positive(s, "stride");
        this.stride = s;
        return this;
    }

    /** Spacing between kernel taps, {@code d ≥ 1} (1 = ordinary, 2 = every other cell). */
    public Corr2d dilation(int d) {
        Inputs.positive(d, "dilation");
        this.dilation = d;
        return this;
    }

    /** {rows, cols} of the output: {@code floor((n + 2p − d·(k − 1) − 1) / s) + 1} per axis. */
    public int[] outputShape() {
        Window w = window();
        return new int[] {w.outH(), w.outW()};
    }

    /** The output feature map. */
    public Grid compute() {
        Window w = window();
        double[][] acc = new double[w.outH()][w.outW()];
        accumulate(x, k, w, acc);
        return Grid.wrap(toFloat(acc));
    }

    /** Every output cell as its sum of products, with the window on the (padded) input highlighted. */
    public Explanation explain() {
        return explain("Cross-correlation (kernel slides over the input, not flipped)", List.of(), "kernel",
                "out[i][j] = Σ_u Σ_v input[i·s − p + u·d][j·s − p + v·d] · kernel[u][v]");
    }

    /**
     * Output cell {@code (i, j)} alone: its sum of products, the window on the (padded) input and the cell in the
     * output, for looking at one cell of a large output (an explorer's "which cell" control).
     *
     * @throws IllegalArgumentException if {@code (i, j)} is outside the output, naming its size
     */
    public Explanation explainCell(int i, int j) {
        Window w = window();
        if (i < 0 || i >= w.outH() || j < 0 || j >= w.outW()) {
            throw new IllegalArgumentException("cell [" + i + "][" + j + "] is outside the " + w.outH() + "x" + w.outW()
                    + " output (rows 0.." + (w.outH() - 1) + ", columns 0.." + (w.outW() - 1) + ")");
        }
        float[][] out = compute().toArray();
        List<String> terms = new ArrayList<>();
        products(x, k, w, i, j, terms);
        Explanation e = new Explanation("Cross-correlation, output cell [" + i + "][" + j + "]")
                .note("input " + x.length + "x" + x[0].length + ", kernel " + k.length + "x" + k[0].length + ", "
                        + w.describe())
                .note("out[i][j] = Σ_u Σ_v input[i·s − p + u·d][j·s − p + v·d] · kernel[u][v]; padding cells are 0");
        e.wants();
        return e.step("out[" + i + "][" + j + "]", String.join(" + ", terms) + " = " + Num.fmt(out[i][j]),
                List.of(w.panel("input", x, i, j), new Explanation.Panel("kernel", k, null, null),
                        Window.result("output", out, i, j)));
    }

    Explanation explain(String title, List<Explanation.Panel> extraOperands, String kernelName, String formula) {
        Window w = window();
        float[][] out = compute().toArray();
        Explanation e = new Explanation(title)
                .note("input " + x.length + "x" + x[0].length + ", kernel " + k.length + "x" + k[0].length + ", "
                        + w.describe())
                .note(formula)
                .note("each term below is input·" + kernelName + ", row by row through the window; padding cells are 0")
                .operand("input", x);
        extraOperands.forEach(e::operand);
        e.operand(kernelName, k).operand("output", out);
        for (int i = 0; i < w.outH(); i++) {
            for (int j = 0; j < w.outW(); j++) {
                if (!e.wants()) {
                    continue;
                }
                List<String> terms = new ArrayList<>();
                products(x, k, w, i, j, terms);
                e.step("out[" + i + "][" + j + "]", String.join(" + ", terms) + " = " + Num.fmt(out[i][j]),
                        List.of(w.panel("input", x, i, j), new Explanation.Panel(kernelName, k, null, null),
                                Window.result("output", out, i, j)));
            }
        }
        return e;
    }

    /** Valid cross-correlation, stride 1. */
    public static Grid apply(float[][] input, float[][] kernel) {
        return of(input, kernel).compute();
    }

    /** Valid cross-correlation, stride 1, for double literals. */
    public static Grid apply(double[][] input, double[][] kernel) {
        return of(input, kernel).compute();
    }

    /** Valid cross-correlation, stride 1, for int literals. */
    public static Grid apply(int[][] input, int[][] kernel) {
        return of(input, kernel).compute();
    }

    /** Cross-correlation with {@code padding} zeros per side and the given stride. */
    public static Grid apply(float[][] input, float[][] kernel, int padding, int stride) {
        return of(input, kernel).padding(padding).stride(stride).compute();
    }

    /** Step-by-step view of the valid, stride-1 cross-correlation. */
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

    private Window window() {
        return Window.of(x.length, x[0].length, k.length, k[0].length, padding, stride, dilation);
    }

    /** Adds x ⋆ k into {@code acc}; doubles so long sums do not drift. Also used channel by channel. */
    static void accumulate(float[][] x, float[][] k, Window w, double[][] acc) {
        for (int i = 0; i < w.outH(); i++) {
            for (int j = 0; j < w.outW(); j++) {
                double s = 0;
                for (int u = 0; u < w.kH(); u++) {
                    int r = w.row(i, u);
                    if (r < 0 || r >= w.inH()) {
                        continue; // a padding row adds only zeros
                    }
                    for (int v = 0; v < w.kW(); v++) {
                        int c = w.col(j, v);
                        if (c >= 0 && c < w.inW()) {
                            s += (double) x[r][c] * k[u][v];
                        }
                    }
                }
                acc[i][j] += s;
            }
        }
    }

    /** Appends "input·kernel" for every tap of output (i, j), padding taps as "0·k". */
    static void products(float[][] x, float[][] k, Window w, int i, int j, List<String> terms) {
        for (int u = 0; u < w.kH(); u++) {
            for (int v = 0; v < w.kW(); v++) {
                int r = w.row(i, u);
                int c = w.col(j, v);
                float in = w.inside(r, c) ? x[r][c] : 0f;
                terms.add(Num.factor(in) + "·" + Num.factor(k[u][v]));
            }
        }
    }

    static float[][] toFloat(double[][] a) {
        float[][] f = new float[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                f[i][j] = (float) a[i][j];
            }
        }
        return f;
    }
}
