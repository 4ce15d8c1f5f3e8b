package dev.cnnlab.compress;

/**
 * Zhu and Gupta's (2017) gradual pruning schedule: over {@code steps} pruning steps the sparsity rises from
 * {@code initial} to {@code target} along a cubic, fast at first (many redundant weights) and slowly at the end
 * (the net has less left to lose):
 * <pre>s_k = s_f + (s_i - s_f) * (1 - k / n)^3,   k = 1..n</pre>
 *
 * @param initial sparsity before the first step (s_i, usually 0)
 * @param target  sparsity after the last step (s_f)
 * @param steps   number of pruning steps (n)
 */
public record SparsitySchedule(double initial, double target, int steps) {
    /**
     * Checks the numbers.
     *
     * @throws CompressionException if a sparsity is outside [0, 1), the target is below the start, or steps &lt; 1
     */
    public SparsitySchedule {
        MagnitudePruning.checkSparsity("initial sparsity", initial);
        MagnitudePruning.checkSparsity("target sparsity", target);
        if (target < initial) {
            throw new CompressionException("target sparsity " + target + " is below the initial " + initial);
        }
        if (steps < 1) throw new CompressionException("pruning steps must be at least 1, got " + steps);
    }

    /** The sparsity after step {@code k} (1-based); step {@code steps} reaches the target exactly. */
    public double at(int k) {
        if (k < 1 || k > steps) throw new CompressionException("pruning step " + k + " is outside 1.." + steps);
        double f = 1.0 - (double) k / steps;
        return target + (initial - target) * f * f * f;
    }
}
