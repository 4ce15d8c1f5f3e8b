package dev.cnnlab.ops;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The gradient of a scalar function of a matrix by central differences — no calculus, just two evaluations per
 * cell — to check a gradient computed by hand or by autograd ("gradient checking"):
 * <pre>
 *   ∂f/∂W[u][v] ≈ ( f(W + h·E_uv) − f(W − h·E_uv) ) / 2h          (E_uv: 1 at (u, v), 0 elsewhere)
 * </pre>
 * The error of the central difference is about {@code h²/6 · f'''}: zero for a function that is quadratic in W (a
 * squared error of a convolution), small for smooth ones. Where {@code f} has a kink within {@code h} of W (a ReLU at
 * 0, two values tied for a maximum) the difference straddles it and may disagree with any one-sided derivative. Too
 * small an {@code h} drowns the difference in float rounding; the default {@code 1e-3} suits float32 values near 1.
 * The step actually taken is measured after rounding W ± h to float, and the difference divided by it.
 *
 * <pre>{@code
 * ToDoubleFunction<float[][]> loss = w -> ...;                  // e.g. ½ Σ (X ⋆ W − T)²
 * Grid numeric = NumericGradient.of(loss).at(w);
 * NumericGradient.relativeError(numeric, byHand)                // about 1e-5 or less when both are right
 * }</pre>
 */
public final class NumericGradient {
    private final ToDoubleFunction<float[][]> f;
    private double h = 1e-3;

    private NumericGradient(ToDoubleFunction<float[][]> f) {
        this.f = Objects.requireNonNull(f, "function");
    }

    /** Central differences of {@code f}, which must not keep or change the array it is given. */
    public static NumericGradient of(ToDoubleFunction<float[][]> f) {
        return new NumericGradient(f);
    }

    /** The step {@code h > 0} (default {@code 1e-3}). */
    public NumericGradient step(double h) {
        if (!(h > 0) || Double.isInfinite(h)) throw new IllegalArgumentException("step h must be a positive number, got " + h);
        this.h = h;
        return this;
    }

    /** The gradient of {@code f} at {@code w}: one central difference per cell ({@code 2·rows·cols} calls of f). */
    public Grid at(float[][] w) {
        float[][] p = Inputs.copy(Inputs.matrix(w, "point"));
        float[][] grad = new float[p.length][p[0].length];
        for (int r = 0; r < p.length; r++) {
            for (int c = 0; c < p[0].length; c++) {
                float keep = p[r][c];
                float up = (float) (keep + h);
                float down = (float) (keep - h);
                p[r][c] = up;
                double fUp = f.applyAsDouble(p);
                p[r][c] = down;
                double fDown = f.applyAsDouble(p);
                p[r][c] = keep;
                grad[r][c] = (float) ((fUp - fDown) / ((double) up - down));
            }
        }
        return Grid.wrap(grad);
    }

    /** {@link #at(float[][])} for double literals. */
    public Grid at(double[][] w) {
        return at(Inputs.toFloat(w));
    }

    /**
     * How far apart two gradients are, relative to their size: {@code ‖a − b‖ / (‖a‖ + ‖b‖)} with Euclidean norms
     * over all cells (0 when both are zero). When {@code f} is computed in float32, agreement shows as about
     * {@code 1e-5} (more for a tiny step, where rounding dominates); a wrong gradient typically gives {@code 1e-1}.
     */
    public static double relativeError(Grid a, Grid b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("gradients of different shapes: " + a.shape() + " and " + b.shape());
        }
        double diff = 0, na = 0, nb = 0;
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) {
                double x = a.get(r, c), y = b.get(r, c);
                diff += (x - y) * (x - y);
                na += x * x;
                nb += y * y;
            }
        }
        double scale = Math.sqrt(na) + Math.sqrt(nb);
        return scale == 0 ? 0 : Math.sqrt(diff) / scale;
    }
}
