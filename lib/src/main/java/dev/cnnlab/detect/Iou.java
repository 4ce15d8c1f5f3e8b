package dev.cnnlab.detect;

/**
 * Intersection over union (Jaccard index) of corner boxes:
 * <pre>
 *   inter = max(0, min(x2a, x2b) - max(x1a, x1b)) * max(0, min(y2a, y2b) - max(y1a, y1b))
 *   IoU   = inter / (area(a) + area(b) - inter)
 * </pre>
 * 1 for identical boxes, 0 for disjoint ones. Two boxes with zero union (both empty) have IoU 0,
 * not NaN, so they never count as a match.
 */
public final class Iou {
    private Iou() {}

    /** IoU of two corner boxes {@code {x1, y1, x2, y2}}. */
    public static float of(float[] a, float[] b) {
        return (float) ofDouble(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
    }

    /**
     * Pairwise IoU: {@code m[i][j] = IoU(a[i], b[j])}, shape {@code a.length x b.length}.
     *
     * @throws DetectionException if a box is malformed (NaN, {@code x2 < x1}, ...)
     */
    public static float[][] matrix(float[][] a, float[][] b) {
        Boxes.validate(a, "a");
        Boxes.validate(b, "b");
        float[][] m = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            float[] p = a[i];
            for (int j = 0; j < b.length; j++) {
                float[] q = b[j];
                m[i][j] = (float) ofDouble(p[0], p[1], p[2], p[3], q[0], q[1], q[2], q[3]);
            }
        }
        return m;
    }

    /** IoU computed in double precision (the metrics use this so thresholds compare exactly). */
    static double ofDouble(double ax1, double ay1, double ax2, double ay2,
                           double bx1, double by1, double bx2, double by2) {
        double iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
        double ih = Math.min(ay2, by2) - Math.max(ay1, by1);
        if (iw <= 0 || ih <= 0) return 0;
        double inter = iw * ih;
        double union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
        return union > 0 ? inter / union : 0;
    }
}
