package dev.cnnlab.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Learns a convolution kernel from examples by plain gradient descent: given inputs {@code X_n} and the outputs
 * {@code T_n} some unknown kernel produced from them ('valid' cross-correlation, stride 1, no bias), find {@code K}
 * that minimises the mean squared error
 * <pre>
 *   L(K) = 1/(2M) Σ_n Σ_ij ( (X_n ⋆ K)[i][j] − T_n[i][j] )²          M = number of output cells over all examples
 *   ∂L/∂K = 1/M Σ_n X_n ⋆ (X_n ⋆ K − T_n)                              ({@link ConvGradient#kernel()} per example)
 *   K ← K − η · ∂L/∂K                                                   one step, learning rate η
 * </pre>
 * L is quadratic in K, so with a small enough η every step brings K closer to the kernel that made the targets
 * (when the inputs vary enough to pin it down: random images do, a blank one does not). Too large an η
 * (above 2 / the largest eigenvalue of the inputs' patch second-moment matrix) makes it diverge.
 *
 * <pre>{@code
 * var fit = KernelFit.of(images, edges).size(3).learningRate(0.5).steps(200).run();
 * fit.kernel()             // the learned 3x3 kernel
 * fit.losses()             // L before the first step and after every step
 * }</pre>
 */
public final class KernelFit {
    private final float[][][] inputs;
    private final float[][][] targets;
    private int size = 3;
    private double lr = 0.1;
    private int steps = 100;
    private float[][] start;

    private KernelFit(float[][][] inputs, float[][][] targets) {
        this.inputs = Inputs.volume(inputs, "inputs");
        this.targets = Inputs.volume(targets, "targets");
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(inputs.length + " inputs but " + targets.length + " targets: one target per input");
        }
    }

    /** Examples: {@code targets[n]} is what the unknown kernel made of {@code inputs[n]}. */
    public static KernelFit of(float[][][] inputs, float[][][] targets) {
        return new KernelFit(inputs, targets);
    }

    /** The kernel is {@code k x k} (default 3); every target must be {@code (h − k + 1) x (w − k + 1)}. */
    public KernelFit size(int k) {
        Inputs.positive(k, "kernel size");
        this.size = k;
        return this;
    }

    /** The learning rate η {@code > 0} (default 0.1). */
    public KernelFit learningRate(double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("learning rate must be positive, got " + eta);
        this.lr = eta;
        return this;
    }

    /** The number of gradient-descent steps, {@code ≥ 0} (default 100). */
    public KernelFit steps(int n) {
        if (n < 0) throw new IllegalArgumentException("steps must be >= 0, got " + n);
        this.steps = n;
        return this;
    }

    /** The starting kernel (default all zeros). */
    public KernelFit start(float[][] kernel) {
        this.start = Inputs.copy(Inputs.matrix(kernel, "start kernel"));
        return this;
    }

    /** Runs the steps. */
    public Result run() {
        float[][] k = start != null ? Inputs.copy(start) : new float[size][size];
        if (k.length != size || k[0].length != size) {
            throw new IllegalArgumentException("start kernel is " + k.length + "x" + k[0].length + " but size is " + size);
        }
        for (int n = 0; n < inputs.length; n++) {
            int oh = inputs[n].length - size + 1, ow = inputs[n][0].length - size + 1;
            if (targets[n].length != oh || targets[n][0].length != ow) {
                throw new IllegalArgumentException("target " + n + " is " + targets[n].length + "x" + targets[n][0].length
                        + " but a " + size + "x" + size + " kernel makes " + oh + "x" + ow + " of input " + n);
            }
        }
        List<float[][]> kernels = new ArrayList<>();
        double[] losses = new double[steps + 1];
        kernels.add(Inputs.copy(k));
        for (int t = 0; ; t++) {
            double[][] grad = new double[size][size];
            losses[t] = lossAndGradient(k, grad);
            if (t == steps) break;
            for (int u = 0; u < size; u++) {
                for (int v = 0; v < size; v++) {
                    k[u][v] = (float) (k[u][v] - lr * grad[u][v]);
                }
            }
            kernels.add(Inputs.copy(k));
        }
        return new Result(kernels, losses);
    }

    /** L(k); adds ∂L/∂k into {@code grad}. */
    private double lossAndGradient(float[][] k, double[][] grad) {
        long cells = 0;
        for (float[][] t : targets) cells += (long) t.length * t[0].length;
        double loss = 0;
        for (int n = 0; n < inputs.length; n++) {
            float[][] y = Corr2d.apply(inputs[n], k).toArray();
            float[][] g = new float[y.length][y[0].length];
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < y[0].length; j++) {
                    double e = (double) y[i][j] - targets[n][i][j];
                    loss += e * e;
                    g[i][j] = (float) (e / cells);
                }
            }
            Grid dk = ConvGradient.of(inputs[n], k).upstream(g).kernel();
            for (int u = 0; u < size; u++) {
                for (int v = 0; v < size; v++) {
                    grad[u][v] += dk.get(u, v);
                }
            }
        }
        return loss / (2.0 * cells);
    }

    /**
     * What {@link #run()} found.
     *
     * @param kernels the kernel before the first step and after each step ({@code steps + 1} of them)
     * @param losses  the loss of each of those kernels
     */
    public record Result(List<float[][]> kernels, double[] losses) {
        /** The kernel after the last step. */
        public Grid kernel() {
            return kernel(kernels.size() - 1);
        }

        /** The kernel after {@code step} steps (0: the start). */
        public Grid kernel(int step) {
            if (step < 0 || step >= kernels.size()) {
                throw new IllegalArgumentException("step " + step + " is not in 0.." + (kernels.size() - 1));
            }
            return Grid.of(kernels.get(step));
        }

        /** The loss after the last step. */
        public double finalLoss() {
            return losses[losses.length - 1];
        }
    }
}
