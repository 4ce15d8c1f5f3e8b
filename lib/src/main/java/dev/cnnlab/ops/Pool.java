package dev.cnnlab.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Max and average pooling over {@code size x size} windows, channel by channel.
 *
 * <pre>
 *   max:  out[i][j] = max over the window of x[i·s − p + u][j·s − p + v]      (padding cells ignored)
 *   avg:  out[i][j] = (Σ over the window of x[i·s − p + u][j·s − p + v]) / count
 * </pre>
 * The stride defaults to the window size (non-overlapping windows, as in Keras {@code MaxPooling2D((2, 2))}
 * and DJL {@code Pool.maxPool2dBlock(new Shape(2, 2))}). Output size per axis: {@code floor((n + 2p − k) / s) + 1}
 * (see {@link OutputShape}), so a 2x2 pool turns 26x26 into 13x13 and 13x13 into 6x6 (the last row and column
 * are dropped).
 *
 * <p><b>Padding in average pooling.</b> By default padded zeros <em>count</em>: {@code count = size·size}
 * everywhere. That is DJL/MXNet's default ({@code countIncludePad = true}) and PyTorch's. Keras/TensorFlow
 * 'same' average pooling divides by the number of real cells instead: use {@link #countPadding(boolean)
 * countPadding(false)}. Max pooling never sees padding. Padding may be at most half the window per side (as in
 * PyTorch), so every window holds at least one real cell.
 *
 * <pre>{@code
 * Pool.max(new int[][] {{2, 5}, {1, 3}}).size(2).compute()   // [[5]]
 * Pool.max(x).size(2).stride(1).padding(1).compute()
 * Pool.avg(x).size(3).padding(1).countPadding(false).explain()
 * }</pre>
 */
public final class Pool {
    private final boolean isMax;
    private final float[][][] x;
    private int size = 2;
    private int stride = -1; // -1: same as size
    private Padding padding = Padding.VALID;
    private boolean countPadding = true;

    private Pool(boolean isMax, float[][][] x) {
        this.isMax = isMax;
        this.x = Inputs.volume(x, "input");
    }

    /** Max pooling of one feature map; 2x2, stride 2, no padding until changed. */
    public static Pool max(float[][] input) {
        return new Pool(true, new float[][][] {Inputs.matrix(input, "input")});
    }

    /** {@link #max(float[][])} for double literals. */
    public static Pool max(double[][] input) {
        return max(Inputs.toFloat(input));
    }

    /** {@link #max(float[][])} for int literals. */
    public static Pool max(int[][] input) {
        return max(Inputs.toFloat(input));
    }

    /** Max pooling of a feature map, e.g. straight from {@code Corr2d...compute()}. */
    public static Pool max(Grid input) {
        return max(input.toArray());
    }

    /** Max pooling of every channel of {@code input[C][H][W]}; use {@link #computeAll()}. */
    public static Pool max(float[][][] input) {
        return new Pool(true, input);
    }

    /** Average pooling of one feature map; 2x2, stride 2, no padding until changed. */
    public static Pool avg(float[][] input) {
        return new Pool(false, new float[][][] {Inputs.matrix(input, "input")});
    }

    /** {@link #avg(float[][])} for double literals. */
    public static Pool avg(double[][] input) {
        return avg(Inputs.toFloat(input));
    }

    /** {@link #avg(float[][])} for int literals. */
    public static Pool avg(int[][] input) {
        return avg(Inputs.toFloat(input));
    }

    /** Average pooling of a feature map, e.g. straight from {@code Corr2d...compute()}. */
    public static Pool avg(Grid input) {
        return avg(input.toArray());
    }

    /** Average pooling of every channel of {@code input[C][H][W]}; use {@link #computeAll()}. */
    public static Pool avg(float[][][] input) {
        return new Pool(false, input);
    }

    /** Window of {@code k x k} cells. */
    public Pool size(int k) {
        Inputs.positive(k, "pool size");
        this.size = k;
        return this;
    }

    /** Step between windows, {@code s ≥ 1}; defaults to the window size. */
    public Pool stride(int s) {
        Inputs.positive(s, "stride");
        this.stride = s;
        return this;
    }

    /** {@code p} cells of padding on every side ({@code p ≤ size/2}). */
    public Pool padding(int p) {
        return padding(Padding.of(p));
    }

    /** {@code "valid"}, {@code "same"} or a number. */
    public Pool padding(String p) {
        return padding(Padding.of(p));
    }

    /** Any {@link Padding}. */
    public Pool padding(Padding p) {
        if (p == null) {
            throw new IllegalArgumentException("padding is null: use Padding.VALID, Padding.SAME or a number");
        }
        this.padding = p;
        return this;
    }

    /** Average pooling: whether padded zeros count in the divisor (default true, like DJL/MXNet). */
    public Pool countPadding(boolean count) {
        this.countPadding = count;
        return this;
    }

    /** {rows, cols} of each pooled map: {@code floor((n + 2p − k) / s) + 1} per axis. */
    public int[] outputShape() {
        Window w = window();
        return new int[] {w.outH(), w.outW()};
    }

    /** The pooled map of a single-channel input. */
    public Grid compute() {
        if (x.length != 1) {
            throw new IllegalArgumentException("input has " + x.length + " channels: use computeAll()");
        }
        return Grid.wrap(pool(x[0], window()));
    }

    /** The pooled maps, channel by channel: {@code out[C][H'][W']}. */
    public float[][][] computeAll() {
        Window w = window();
        float[][][] out = new float[x.length][][];
        for (int c = 0; c < x.length; c++) {
            out[c] = pool(x[c], w);
        }
        return out;
    }

    /** Every output cell as the max (or average) of its window, with the window highlighted. */
    public Explanation explain() {
        Window w = window();
        float[][][] out = computeAll();
        String kind = isMax ? "Max" : "Average";
        Explanation e = new Explanation(kind + " pooling, " + size + "x" + size + " window")
                .note("input " + Inputs.shape(x) + " (C x H x W), " + w.describe())
                .note(isMax ? "padding cells are ignored by max"
                        : countPadding ? "padded zeros count: every window divides by " + size * size
                        : "padded cells do not count: each window divides by its number of real cells");
        for (int c = 0; c < x.length; c++) {
            e.operand(x.length == 1 ? "input" : "input channel " + c, x[c]);
            e.operand(x.length == 1 ? "output" : "output channel " + c, out[c]);
        }
        for (int c = 0; c < x.length; c++) {
            String prefix = x.length == 1 ? "out" : "out[" + c + "]";
            for (int i = 0; i < w.outH(); i++) {
                for (int j = 0; j < w.outW(); j++) {
                    if (!e.wants()) {
                        continue;
                    }
                    List<String> vals = new ArrayList<>();
                    int count = 0;
                    for (int u = 0; u < size; u++) {
                        for (int v = 0; v < size; v++) {
                            int r = w.row(i, u);
                            int col = w.col(j, v);
                            if (w.inside(r, col)) {
                                vals.add(Num.fmt(x[c][r][col]));
                                count++;
                            } else if (!isMax && countPadding) {
                                vals.add("0");
                                count++;
                            }
                        }
                    }
                    String f = isMax ? "max(" + String.join(", ", vals) + ")"
                            : "(" + String.join(" + ", vals) + ") / " + count;
                    e.step(prefix + "[" + i + "][" + j + "]", f + " = " + Num.fmt(out[c][i][j]),
                            List.of(w.panel("input", x[c], i, j), Window.result("output", out[c], i, j)));
                }
            }
        }
        return e;
    }

    private Window window() {
        int s = stride < 0 ? size : stride;
        int h = x[0].length;
        int wd = x[0][0].length;
        int maxPad = Math.max(padding.before(h, size, s, 1), padding.after(h, size, s, 1));
        maxPad = Math.max(maxPad, Math.max(padding.before(wd, size, s, 1), padding.after(wd, size, s, 1)));
        if (maxPad > size / 2) {
            throw new IllegalArgumentException("pool padding " + maxPad + " is more than half the " + size + "x"
                    + size + " window: a window could hold padding only");
        }
        return Window.of(h, wd, size, size, padding, s, 1);
    }

    private float[][] pool(float[][] m, Window w) {
        float[][] out = new float[w.outH()][w.outW()];
        for (int i = 0; i < w.outH(); i++) {
            for (int j = 0; j < w.outW(); j++) {
                double acc = isMax ? Double.NEGATIVE_INFINITY : 0;
                int count = 0;
                for (int u = 0; u < size; u++) {
                    for (int v = 0; v < size; v++) {
                        int r = w.row(i, u);
                        int c = w.col(j, v);
                        if (w.inside(r, c)) {
                            acc = isMax ? Math.max(acc, m[r][c]) : acc + m[r][c];
                            count++;
                        }
                    }
                }
                out[i][j] = (float) (isMax ? acc : acc / (countPadding ? size * size : count));
            }
        }
        return out;
    }
}
