package dev.cnnlab.detect;

/**
 * Precision and recall of one class after each ranked detection, and the three ways of turning the
 * curve into an average precision (AP).
 * <p>
 * With detections sorted by descending score and {@code TP(k)}, {@code FP(k)} the true and false
 * positives among the first {@code k}, and {@code P} the number of (non-difficult) ground-truth objects:
 * <pre>
 *   precision(k) = TP(k) / (TP(k) + FP(k))        recall(k) = TP(k) / P
 * </pre>
 * Detections matched to a 'difficult' object (or, for COCO, ignored) are left out of the curve.
 * All three APs first replace precision by its <em>interpolated</em> value, the best precision at this
 * recall or any higher one: {@code p_interp(r) = max { precision(k) : recall(k) >= r }} (0 if none).
 *
 * @param positives {@code P}, the number of ground-truth objects to find
 * @param scores score of the k-th ranked detection
 * @param precision {@code precision(k)}
 * @param recall {@code recall(k)}, non-decreasing
 */
public record PrecisionRecallCurve(int positives, double[] scores, double[] precision, double[] recall) {

    /** The curve from ranked true-positive flags (highest score first). */
    public static PrecisionRecallCurve of(boolean[] truePositive, double[] scores, int positives) {
        int n = truePositive.length;
        double[] p = new double[n], r = new double[n];
        int tp = 0;
        for (int k = 0; k < n; k++) {
            if (truePositive[k]) tp++;
            p[k] = (double) tp / (k + 1);
            r[k] = positives > 0 ? (double) tp / positives : Double.NaN;
        }
        return new PrecisionRecallCurve(positives, scores.clone(), p, r);
    }

    /** Number of ranked detections on the curve. */
    public int size() {
        return precision.length;
    }

    /**
     * Pascal VOC 2010+ AP, "all-point interpolation": the area under the interpolated curve,
     * {@code AP = sum_k (r_k - r_{k-1}) * p_interp(r_k)} over the points where recall changes
     * ({@code r_0 = 0}). NaN when there are no positives; 0 when there are no detections.
     */
    public double allPointAp() {
        if (positives <= 0) return Double.NaN;
        int n = size();
        double[] env = envelope();
        double ap = 0, prevRecall = 0;
        for (int k = 0; k < n; k++) {
            if (recall[k] != prevRecall) {
                ap += (recall[k] - prevRecall) * env[k];
                prevRecall = recall[k];
            }
        }
        return ap;
    }

    /**
     * Pascal VOC 2007 AP, "11-point interpolation": {@code AP = (1/11) sum_{t in 0, 0.1, ..., 1} p_interp(t)}.
     * The thresholds are computed as {@code t = i * 0.1} in double precision, as the VOC Python code's
     * {@code np.arange(0, 1.1, 0.1)} does (so 3 * 0.1 is a hair above 0.3).
     */
    public double elevenPointAp() {
        if (positives <= 0) return Double.NaN;
        double[] env = envelope();
        double ap = 0;
        for (int i = 0; i <= 10; i++) ap += interpolated(env, i * 0.1) / 11;
        return ap;
    }

    /**
     * COCO AP at one IoU threshold, 101-point interpolation as pycocotools computes it:
     * {@code AP = (1/101) sum_{t in 0, 0.01, ..., 1} p_interp(t)}, with {@code t = i * 0.01} in double
     * precision ({@code np.linspace(0, 1, 101)}) and {@code p_interp(t)} taken at the first ranked
     * detection whose recall is {@code >= t}.
     */
    public double cocoAp() {
        if (positives <= 0) return Double.NaN;
        double[] env = envelope();
        double ap = 0;
        for (int i = 0; i <= 100; i++) ap += interpolated(env, i == 100 ? 1.0 : i * 0.01);
        return ap / 101;
    }

    /** {@code p_interp(r)}: the best precision at recall {@code >= r}, 0 if the curve never gets there. */
    public double interpolatedPrecision(double r) {
        return interpolated(envelope(), r);
    }

    private double interpolated(double[] env, double r) {
        // recall is sorted, so the envelope at the first index with recall >= r is the max over the rest
        int lo = 0, hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (recall[mid] < r) lo = mid + 1;
            else hi = mid;
        }
        return lo < size() ? env[lo] : 0;
    }

    /** Interpolated precision at each point: {@code max(precision[k..n-1])}, the curve drawn in charts. */
    public double[] envelope() {
        double[] env = precision.clone();
        for (int k = env.length - 2; k >= 0; k--) env[k] = Math.max(env[k], env[k + 1]);
        return env;
    }

    /** Recall after the last detection (0 with no detections). */
    public double finalRecall() {
        return size() == 0 ? 0 : recall[size() - 1];
    }
}
