package dev.cnnlab.detect;

import java.util.Arrays;

/**
 * Assigns ground-truth objects to anchors, the training targets of an SSD (d2l's
 * {@code assign_anchor_to_bbox} and {@code multibox_target}).
 * <ol>
 *   <li>Every object gets its best anchor, greedily: take the largest entry of the IoU matrix
 *       (anchors x objects), assign that anchor to that object, strike out its row and column, repeat
 *       once per object. So every object is learned from at least one anchor, however odd its shape.</li>
 *   <li>Every other anchor takes the object it overlaps most if that IoU is {@code >= threshold}.</li>
 *   <li>The remaining anchors are background.</li>
 * </ol>
 * Ties go to the lower index (anchor first, then object), so the result is deterministic. Step 1
 * overrides step 2 where they disagree. An object whose best IoU is 0 (no anchor touches it) gets no
 * anchor.
 */
public final class AnchorAssignment {
    private AnchorAssignment() {}

    /**
     * Training targets for one image.
     *
     * @param assigned object index per anchor, -1 for background
     * @param classes class per anchor: 0 background, {@code c + 1} for an object of class {@code c}
     * @param offsets encoded offsets of the assigned object per anchor ({@link BoxCoder}); zeros for background
     */
    public record Targets(int[] assigned, int[] classes, float[][] offsets) {
        /** Number of anchors assigned an object. */
        public int positives() {
            int n = 0;
            for (int a : assigned) if (a >= 0) n++;
            return n;
        }

        /** The offsets as one row-major array of length {@code 4 * anchors}, ready for an NDArray. */
        public float[] offsetsFlat() {
            float[] out = new float[offsets.length * 4];
            for (int i = 0; i < offsets.length; i++) System.arraycopy(offsets[i], 0, out, 4 * i, 4);
            return out;
        }

        /** 1 for the 4 offsets of an assigned anchor, 0 for background: multiply the box loss by this. */
        public float[] maskFlat() {
            float[] out = new float[assigned.length * 4];
            for (int i = 0; i < assigned.length; i++) {
                if (assigned[i] >= 0) Arrays.fill(out, 4 * i, 4 * i + 4, 1f);
            }
            return out;
        }
    }

    /**
     * Object index per anchor (-1 for background), by the rules above.
     *
     * @param anchors corner boxes, e.g. from {@link Anchors#corners}
     * @param objects ground-truth corner boxes in the same coordinates (normalised if the anchors are)
     * @param threshold IoU from which a non-best anchor still takes an object (d2l: 0.5)
     */
    public static int[] assign(float[][] anchors, float[][] objects, float threshold) {
        float[][] iou = Iou.matrix(anchors, objects);
        int na = anchors.length, nb = objects.length;
        int[] assigned = new int[na];
        Arrays.fill(assigned, -1);
        for (int i = 0; i < na; i++) {
            int best = -1;
            float bestIou = -1;
            for (int j = 0; j < nb; j++) {
                if (iou[i][j] > bestIou) {
                    bestIou = iou[i][j];
                    best = j;
                }
            }
            if (best >= 0 && bestIou > 0 && bestIou >= threshold) assigned[i] = best;  // IoU 0 is never a match
        }
        boolean[] rowUsed = new boolean[na];
        boolean[] colUsed = new boolean[nb];
        for (int round = 0; round < nb; round++) {
            int bi = -1, bj = -1;
            float bestIou = 0;  // an object that touches no anchor stays unassigned
            for (int i = 0; i < na; i++) {
                if (rowUsed[i]) continue;
                for (int j = 0; j < nb; j++) {
                    if (!colUsed[j] && iou[i][j] > bestIou) {
                        bestIou = iou[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) break;
            assigned[bi] = bj;
            rowUsed[bi] = true;
            colUsed[bj] = true;
        }
        return assigned;
    }

    /**
     * Assignment plus class labels and encoded offsets for one image.
     *
     * @param classes class of each object, in {@code [0, numClasses)}
     * @throws DetectionException if {@code objects} and {@code classes} differ in length or a class is negative
     */
    public static Targets targets(float[][] anchors, float[][] objects, int[] classes, float threshold, BoxCoder coder) {
        if (classes == null || objects == null || classes.length != objects.length) {
            throw new DetectionException((objects == null ? 0 : objects.length) + " objects but "
                    + (classes == null ? 0 : classes.length) + " classes — one class per box");
        }
        for (int j = 0; j < classes.length; j++) {
            if (classes[j] < 0) throw new DetectionException("classes[" + j + "] = " + classes[j] + " is negative");
        }
        int[] assigned = assign(anchors, objects, threshold);
        int[] labels = new int[anchors.length];
        float[][] offsets = new float[anchors.length][];
        float[][] one = new float[1][], box = new float[1][];
        for (int i = 0; i < anchors.length; i++) {
            int j = assigned[i];
            if (j < 0) {
                offsets[i] = new float[4];
            } else {
                labels[i] = classes[j] + 1;
                one[0] = anchors[i];
                box[0] = objects[j];
                offsets[i] = coder.encode(one, box)[0];
            }
        }
        return new Targets(assigned, labels, offsets);
    }
}
