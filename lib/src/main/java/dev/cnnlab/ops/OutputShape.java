package dev.cnnlab.ops;

/**
 * How big the output of a sliding window is, per axis.
 *
 * <pre>
 *   out = floor((n + 2p − d·(k − 1) − 1) / s) + 1
 * </pre>
 * with {@code n} input cells, {@code p} zeros of padding per side, kernel (or pooling window) size {@code k},
 * stride {@code s} and dilation {@code d}. The dilated kernel spans {@code d·(k − 1) + 1} cells. With
 * {@code d = 1} this is the familiar {@code floor((n + 2p − k) / s) + 1}; with 'valid' padding and stride 1 it
 * is {@code n − k + 1} (a 3x3 kernel turns 28x28 into 26x26), and a 2x2 pool with stride 2 halves the size
 * (rounding down: 13 → 6).
 */
public final class OutputShape {
    private OutputShape() {}

    /**
     * {@code floor((n + 2p − d·(k − 1) − 1) / s) + 1}.
     *
     * @throws IllegalArgumentException if the (dilated) kernel does not fit the padded input, or a size is bad
     */
    public static int conv(int n, int k, int p, int s, int d) {
        return axis(n, k, p, p, s, d);
    }

    /** {@code floor((n + 2p − k) / s) + 1}: {@link #conv(int, int, int, int, int)} without dilation. */
    public static int conv(int n, int k, int p, int s) {
        return conv(n, k, p, s, 1);
    }

    /** {@code n − k + 1}: 'valid', stride 1. */
    public static int valid(int n, int k) {
        return conv(n, k, 0, 1, 1);
    }

    /** {@code ceil(n / s)}: the size 'same' padding gives (Keras/TensorFlow rule). */
    public static int same(int n, int s) {
        Inputs.positive(n, "input size");
        Inputs.positive(s, "stride");
        return (n + s - 1) / s;
    }

    /** Pooling uses the same formula (no dilation): {@code floor((n + 2p − k) / s) + 1}. */
    public static int pool(int n, int k, int p, int s) {
        return conv(n, k, p, s, 1);
    }

    /** Output size for any {@link Padding}: 'same' gives {@code ceil(n / s)}, others the formula above. */
    public static int of(int n, int k, Padding padding, int s, int d) {
        Inputs.positive(k, "kernel size");
        Inputs.positive(s, "stride");
        Inputs.positive(d, "dilation");
        return axis(n, k, padding.before(n, k, s, d), padding.after(n, k, s, d), s, d);
    }

    /** The general case with different padding before and after: {@code floor((n + pb + pa − d(k−1) − 1)/s) + 1}. */
    static int axis(int n, int k, int before, int after, int s, int d) {
        Inputs.positive(n, "input size");
        Inputs.positive(k, "kernel size");
        Inputs.positive(s, "stride");
        Inputs.positive(d, "dilation");
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("padding must be 0 or more, got " + Math.min(before, after));
        }
        int span = d * (k - 1) + 1;
        int padded = n + before + after;
        if (span > padded) {
            throw new IllegalArgumentException("kernel " + k + (d > 1 ? " with dilation " + d + " (spans " + span
                    + ")" : "") + " does not fit input " + n + " with padding " + before
                    + (after != before ? "+" + after : ""));
        }
        return (padded - span) / s + 1;
    }
}
