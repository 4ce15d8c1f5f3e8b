package dev.cnnlab.ops;

/**
 * Backpropagation through max or average pooling of one feature map: given {@code G = ∂L/∂Y} for the pooled map
 * {@code Y}, the gradient {@code ∂L/∂X} for the map that was pooled. Pooling has no weights, so this is all it passes
 * back.
 *
 * <pre>
 *   max:  ∂L/∂X[r][c] = Σ over the windows whose maximum sits at (r, c) of G[i][j]     (0 for every other cell)
 *   avg:  ∂L/∂X[r][c] = Σ over the windows that contain (r, c) of G[i][j] / (size·size)
 * </pre>
 * Max pooling passes each window's gradient to its winner only (a small change of any other cell does not change the
 * maximum); average pooling spreads it evenly. Overlapping windows (stride below the size) add up. When a window holds
 * the same maximum twice, the first one in row-major order (top row first, then left to right) wins, as in PyTorch's
 * and MXNet's CPU kernels; a tie has no true derivative, so any choice is a convention. Padding as in {@link Pool}
 * (padded zeros count in the average's divisor).
 *
 * <pre>{@code
 * PoolGradient.max(x).size(2).upstream(g).input()    // x 4x4, g 2x2 → 4x4, one nonzero per window
 * PoolGradient.max(x).size(2).winners()              // 1 where a window's maximum sits, else 0
 * }</pre>
 */
public final class PoolGradient {
    private final boolean isMax;
    private final float[][] x;
    private float[][] g;
    private int size = 2;
    private int stride = -1; // -1: same as size
    private int padding;

    private PoolGradient(boolean isMax, float[][] x) {
        this.isMax = isMax;
        this.x = Inputs.matrix(x, "input");
    }

    /** Max pooling of {@code input}: 2x2, stride 2, no padding until changed. */
    public static PoolGradient max(float[][] input) {
        return new PoolGradient(true, input);
    }

    /** {@link #max(float[][])} for double literals. */
    public static PoolGradient max(double[][] input) {
        return max(Inputs.toFloat(input));
    }

    /** {@link #max(float[][])} for int literals. */
    public static PoolGradient max(int[][] input) {
        return max(Inputs.toFloat(input));
    }

    /** Max pooling of a feature map, e.g. a convolution's output. */
    public static PoolGradient max(Grid input) {
        return max(input.toArray());
    }

    /** Average pooling of {@code input}: 2x2, stride 2, no padding until changed. */
    public static PoolGradient avg(float[][] input) {
        return new PoolGradient(false, input);
    }

    /** {@link #avg(float[][])} for double literals. */
    public static PoolGradient avg(double[][] input) {
        return avg(Inputs.toFloat(input));
    }

    /** {@link #avg(float[][])} for int literals. */
    public static PoolGradient avg(int[][] input) {
        return avg(Inputs.toFloat(input));
    }

    /** Average pooling of a feature map, e.g. a convolution's output. */
    public static PoolGradient avg(Grid input) {
        return avg(input.toArray());
    }

    /** Window of {@code k x k} cells. */
    public PoolGradient size(int k) {
        Inputs.positive(k, "pool size");
        this.size = k;
        return this;
    }

    /** Step between windows, {@code s ≥ 1}; defaults to the window size. */
    public PoolGradient stride(int s) {
        Inputs.positive(s, "stride");
        this.stride = s;
        return this;
    }

    /** {@code p} cells of padding on every side ({@code p ≤ size/2}). */
    public PoolGradient padding(int p) {
        if (p < 0) throw new IllegalArgumentException("padding must be >= 0, got " + p);
        this.padding = p;
        return this;
    }

    /** {@code ∂L/∂Y}: one value per pooled cell. */
    public PoolGradient upstream(float[][] gradient) {
        this.g = Inputs.copy(Inputs.matrix(gradient, "upstream gradient"));
        return this;
    }

    /** {@link #upstream(float[][])} for double literals. */
    public PoolGradient upstream(double[][] gradient) {
        return upstream(Inputs.toFloat(gradient));
    }

    /** {@link #upstream(float[][])} for int literals. */
    public PoolGradient upstream(int[][] gradient) {
        return upstream(Inputs.toFloat(gradient));
    }

    /** The pooled map, as {@link Pool} computes it. */
    public Grid output() {
        Pool p = (isMax ? Pool.max(x) : Pool.avg(x)).size(size).padding(padding);
        return (stride < 0 ? p : p.stride(stride)).compute();
    }

    /** Max pooling: how many windows each input cell wins (1 or 0 for non-overlapping windows). */
    public Grid winners() {
        if (!isMax) throw new IllegalStateException("winners() is for max pooling: in average pooling every cell counts");
        Window w = window();
        float[][] ones = new float[w.outH()][w.outW()];
        for (float[] row : ones) java.util.Arrays.fill(row, 1f);
        return Grid.wrap(backward(w, ones));
    }

    /** {@code ∂L/∂X}, the shape of the input. */
    public Grid input() {
        if (g == null) {
            throw new IllegalStateException("no upstream gradient: call upstream(dL/dY) first, one value per pooled cell");
        }
        Window w = window();
        if (g.length != w.outH() || g[0].length != w.outW()) {
            throw new IllegalArgumentException("upstream gradient is " + g.length + "x" + g[0].length + " but "
                    + size + "x" + size + " pooling of the " + x.length + "x" + x[0].length + " input (" + w.describe()
                    + ") gives " + w.outH() + "x" + w.outW());
        }
        return Grid.wrap(backward(w, g));
    }

    private float[][] backward(Window w, float[][] up) {
        double[][] dx = new double[w.inH()][w.inW()];
        for (int i = 0; i < w.outH(); i++) {
            for (int j = 0; j < w.outW(); j++) {
                if (isMax) {
                    int br = -1, bc = -1;
                    for (int u = 0; u < size; u++) {
                        for (int v = 0; v < size; v++) {
                            int r = w.row(i, u), c = w.col(j, v);
                            if (w.inside(r, c) && (br < 0 || x[r][c] > x[br][bc])) { // strict: the first maximum wins
                                br = r;
                                bc = c;
                            }
                        }
                    }
                    dx[br][bc] += up[i][j];
                } else {
                    for (int u = 0; u < size; u++) {
                        for (int v = 0; v < size; v++) {
                            int r = w.row(i, u), c = w.col(j, v);
                            if (w.inside(r, c)) dx[r][c] += (double) up[i][j] / (size * size);
                        }
                    }
                }
            }
        }
        return Corr2d.toFloat(dx);
    }

    private Window window() {
        if (padding > size / 2) {
            throw new IllegalArgumentException("pool padding " + padding + " is more than half the " + size + "x" + size
                    + " window: a window could hold padding only");
        }
        return Window.of(x.length, x[0].length, size, size, Padding.of(padding), stride < 0 ? size : stride, 1);
    }
}
