package dev.cnnlab.ops;

import java.util.Locale;

/**
 * How many zeros go around the input before a window slides over it.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; the window only visits positions where it fits entirely.</li>
 *   <li>{@link #SAME}: the Keras/TensorFlow rule. The output has {@code ceil(n / s)} cells per axis; the total
 *       padding {@code max((out − 1)·s + d·(k − 1) + 1 − n, 0)} is split with the odd one at the bottom/right.
 *       With stride 1 and an odd kernel this is {@code (k − 1)/2} on every side, so the output is as big as
 *       the input.</li>
 *   <li>{@link #of(int) of(p)}: {@code p} zeros on every side (what DJL, MXNet and PyTorch take).</li>
 * </ul>
 */
public final class Padding {
    /** No padding ("valid" in Keras). */
    public static final Padding VALID = new Padding(Kind.VALID, 0);
    /** Padding that keeps {@code out = ceil(n / stride)} ("same" in Keras). */
    public static final Padding SAME = new Padding(Kind.SAME, 0);

    private enum Kind { VALID, SAME, FIXED }

    private final Kind kind;
    private final int amount;

    private Padding(Kind kind, int amount) {
        this.kind = kind;
        this.amount = amount;
    }

    /** {@code p} zeros on each of the four sides; {@code p ≥ 0}. */
    public static Padding of(int p) {
        if (p < 0) {
            throw new IllegalArgumentException("padding must be 0 or more, got " + p);
        }
        return p == 0 ? VALID : new Padding(Kind.FIXED, p);
    }

    /** {@code "valid"}, {@code "same"} (any case) or a number such as {@code "1"}. */
    public static Padding of(String name) {
        if (name == null) {
            throw new IllegalArgumentException("padding is null: use \"valid\", \"same\" or a number");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("valid")) {
            return VALID;
        }
        if (n.equals("same")) {
            return SAME;
        }
        try {
            return of(Integer.parseInt(n));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("padding \"" + name + "\" is not \"valid\", \"same\" or a number");
        }
    }

    /** Zeros added before the first row (or column) for an axis of {@code n} cells. */
    public int before(int n, int kernel, int stride, int dilation) {
        return kind == Kind.SAME ? sameTotal(n, kernel, stride, dilation) / 2 : amount;
    }

    /** Zeros added after the last row (or column); for SAME this takes the odd one. */
    public int after(int n, int kernel, int stride, int dilation) {
        if (kind != Kind.SAME) {
            return amount;
        }
        int total = sameTotal(n, kernel, stride, dilation);
        return total - total / 2;
    }

    private static int sameTotal(int n, int kernel, int stride, int dilation) {
        int out = (n + stride - 1) / stride;
        return Math.max((out - 1) * stride + dilation * (kernel - 1) + 1 - n, 0);
    }

    /** True for {@link #SAME}, whose amount depends on the sizes. */
    public boolean isSame() {
        return kind == Kind.SAME;
    }

    /** "valid", "same" or the number of zeros per side. */
    @Override
    public String toString() {
        return switch (kind) {
            case VALID -> "valid";
            case SAME -> "same";
            case FIXED -> Integer.toString(amount);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.kind == kind && p.amount == amount;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + amount;
    }
}
