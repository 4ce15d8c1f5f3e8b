package dev.cnnlab.detect;

import java.util.Arrays;

/**
 * Non-maximum suppression: of several boxes on the same object keep only the highest-scoring one.
 * <pre>
 *   sort boxes by score, highest first
 *   for each box b in that order, unless already suppressed:
 *       keep b
 *       suppress every later box c with IoU(b, c) &gt; iouThreshold
 * </pre>
 * Equal scores keep their input order (the earlier box wins), so the result is deterministic.
 * A box is suppressed only when its IoU is strictly greater than the threshold (as in torchvision).
 * The result lists the indices of the kept boxes, highest score first.
 * <p>
 * {@link #classWise} runs the same algorithm but lets only boxes of the same class suppress each other
 * (torchvision calls this {@code batched_nms}); {@link #batched} does that for each image of a batch.
 * Boxes are only compared with kept boxes near them (a uniform grid over the image), so the cost is
 * {@code O(n log n)} for sorting plus about {@code n} times the number of neighbours: a few milliseconds
 * for 5,000 boxes.
 */
public final class Nms {
    private Nms() {}

    /**
     * Class-agnostic NMS.
     *
     * @param boxes corner boxes, one per row
     * @param scores one score per box (any real numbers, e.g. probabilities)
     * @param iouThreshold boxes overlapping a kept box by more than this are dropped (typically 0.45–0.5)
     * @return indices of the kept boxes, by descending score
     * @throws DetectionException if a box is malformed, a score is NaN, or the lengths differ
     */
    public static int[] apply(float[][] boxes, float[] scores, float iouThreshold) {
        return run(boxes, scores, null, iouThreshold);
    }

    /**
     * NMS within each class: a box only suppresses boxes with the same {@code classes} value.
     *
     * @return indices of the kept boxes (all classes together), by descending score
     */
    public static int[] classWise(float[][] boxes, float[] scores, int[] classes, float iouThreshold) {
        if (classes == null) throw new DetectionException("classes is null (use Nms.apply for class-agnostic NMS)");
        return run(boxes, scores, classes, iouThreshold);
    }

    /**
     * Class-wise NMS for each image of a batch: {@code result[b] = classWise(boxes[b], scores[b], classes[b], t)}.
     */
    public static int[][] batched(float[][][] boxes, float[][] scores, int[][] classes, float iouThreshold) {
        if (boxes == null || scores == null || classes == null
                || boxes.length != scores.length || boxes.length != classes.length) {
            throw new DetectionException("batched NMS needs boxes, scores and classes for the same number of images");
        }
        int[][] out = new int[boxes.length][];
        for (int b = 0; b < boxes.length; b++) {
            try {
                out[b] = classWise(boxes[b], scores[b], classes[b], iouThreshold);
            } catch (DetectionException e) {
                throw new DetectionException("image " + b + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static int[] run(float[][] boxes, float[] scores, int[] classes, float iouThreshold) {
        Boxes.validate(boxes, "boxes");
        int n = boxes.length;
        if (scores == null || scores.length != n) {
            throw new DetectionException(n + " boxes but " + (scores == null ? 0 : scores.length) + " scores");
        }
        if (classes != null && classes.length != n) {
            throw new DetectionException(n + " boxes but " + classes.length + " classes");
        }
        if (Float.isNaN(iouThreshold)) throw new DetectionException("iouThreshold is NaN");
        int[] order = descendingOrder(scores);
        // flat copies in sorted order: the inner loop then walks memory sequentially
        float[] x1 = new float[n], y1 = new float[n], x2 = new float[n], y2 = new float[n], area = new float[n];
        int[] cls = classes == null ? null : new int[n];
        for (int k = 0; k < n; k++) {
            float[] b = boxes[order[k]];
            x1[k] = b[0];
            y1[k] = b[1];
            x2[k] = b[2];
            y2[k] = b[3];
            area[k] = (b[2] - b[0]) * (b[3] - b[1]);
            if (cls != null) cls[k] = classes[order[k]];
        }
        int[] kept = new int[n];
        int nk = n <= SMALL ? keepSmall(x1, y1, x2, y2, area, cls, iouThreshold, kept)
                : keepWithGrid(x1, y1, x2, y2, area, cls, iouThreshold, kept);
        int[] out = new int[nk];
        for (int q = 0; q < nk; q++) out[q] = order[kept[q]];
        return out;
    }

    /** Below this many boxes the plain loop is faster than building a grid. */
    private static final int SMALL = 128;

    /** Each box in score order is kept unless a kept box of its class overlaps it too much. */
    private static int keepSmall(float[] x1, float[] y1, float[] x2, float[] y2, float[] area, int[] cls,
                                 float t, int[] kept) {
        int nk = 0;
        for (int k = 0; k < x1.length; k++) {
            boolean suppressed = false;
            for (int q = 0; q < nk && !suppressed; q++) {
                suppressed = suppresses(kept[q], k, x1, y1, x2, y2, area, cls, t);
            }
            if (!suppressed) kept[nk++] = k;
        }
        return nk;
    }

    /**
     * The same decision, but a box is only compared with kept boxes in the grid cells it covers: two boxes
     * that overlap share a cell, so nothing is missed, and far-apart boxes are never compared. This turns
     * the quadratic loop into roughly linear work when boxes are spread over the image.
     */
    private static int keepWithGrid(float[] x1, float[] y1, float[] x2, float[] y2, float[] area, int[] cls,
                                    float t, int[] kept) {
        int n = x1.length;
        float minX = Float.POSITIVE_INFINITY, minY = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY, maxY = Float.NEGATIVE_INFINITY;
        double meanSide = 0;
        for (int k = 0; k < n; k++) {
            minX = Math.min(minX, x1[k]);
            minY = Math.min(minY, y1[k]);
            maxX = Math.max(maxX, x2[k]);
            maxY = Math.max(maxY, y2[k]);
            meanSide += ((x2[k] - x1[k]) + (y2[k] - y1[k])) / 2.0 / n;
        }
        // cells about the size of a typical box, at most 64 x 64 of them
        double cell = Math.max(meanSide, 1e-12);
        int gw = (int) Math.max(1, Math.min(64, Math.ceil((maxX - minX) / cell)));
        int gh = (int) Math.max(1, Math.min(64, Math.ceil((maxY - minY) / cell)));
        double sx = gw / Math.max(1e-30, (double) maxX - minX), sy = gh / Math.max(1e-30, (double) maxY - minY);
        int[] head = new int[gw * gh];
        Arrays.fill(head, -1);
        int[] next = new int[4 * n], entry = new int[4 * n];
        int entries = 0;
        int[] seen = new int[n];  // seen[m] == k + 1: kept box m already compared with candidate k
        int nk = 0;
        for (int k = 0; k < n; k++) {
            int cx0 = cellOf(x1[k], minX, sx, gw), cx1 = cellOf(x2[k], minX, sx, gw);
            int cy0 = cellOf(y1[k], minY, sy, gh), cy1 = cellOf(y2[k], minY, sy, gh);
            boolean suppressed = false;
            for (int cy = cy0; cy <= cy1 && !suppressed; cy++) {
                for (int cx = cx0; cx <= cx1 && !suppressed; cx++) {
                    for (int e = head[cy * gw + cx]; e >= 0 && !suppressed; e = next[e]) {
                        int m = entry[e];
                        if (seen[m] == k + 1) continue;
                        seen[m] = k + 1;
                        suppressed = suppresses(m, k, x1, y1, x2, y2, area, cls, t);
                    }
                }
            }
            if (suppressed) continue;
            kept[nk++] = k;
            int need = entries + (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
            if (need > entry.length) {
                int cap = Math.max(need, 2 * entry.length);
                entry = Arrays.copyOf(entry, cap);
                next = Arrays.copyOf(next, cap);
            }
            for (int cy = cy0; cy <= cy1; cy++) {
                for (int cx = cx0; cx <= cx1; cx++) {
                    entry[entries] = k;
                    next[entries] = head[cy * gw + cx];
                    head[cy * gw + cx] = entries++;
                }
            }
        }
        return nk;
    }

    private static int cellOf(float v, float min, double scale, int cells) {
        int c = (int) ((v - min) * scale);
        return Math.max(0, Math.min(cells - 1, c));
    }

    /** Whether kept box m removes box k: same class (if classes given) and IoU(m, k) > t. */
    private static boolean suppresses(int m, int k, float[] x1, float[] y1, float[] x2, float[] y2, float[] area,
                                      int[] cls, float t) {
        if (cls != null && cls[m] != cls[k]) return false;
        float iw = Math.min(x2[m], x2[k]) - Math.max(x1[m], x1[k]);
        if (iw <= 0) return false;
        float ih = Math.min(y2[m], y2[k]) - Math.max(y1[m], y1[k]);
        if (ih <= 0) return false;
        float inter = iw * ih;
        float union = area[m] + area[k] - inter;
        return union > 0 && inter > t * union;
    }

    /**
     * Indices sorted by descending score, ties by ascending index. Sorting packed longs (score bits in
     * the high half, index in the low half) avoids boxing and is stable by construction.
     */
    static int[] descendingOrder(float[] scores) {
        int n = scores.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            float s = scores[i];
            if (Float.isNaN(s)) throw new DetectionException("scores[" + i + "] is NaN");
            int bits = Float.floatToIntBits(-s + 0.0f);  // + 0.0f turns -0.0 into 0.0
            if (bits < 0) bits ^= 0x7fffffff;              // makes signed int order equal float order
            keys[i] = ((long) bits << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) keys[i];
        return order;
    }
}
