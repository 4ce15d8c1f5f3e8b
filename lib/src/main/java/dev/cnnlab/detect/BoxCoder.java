package dev.cnnlab.detect;

/**
 * Encodes a box as offsets from an anchor, and decodes offsets back to a box — what an SSD's regression
 * head predicts. With anchor {@code (cx_a, cy_a, w_a, h_a)} and box {@code (cx, cy, w, h)} in centre
 * format and variances {@code (v_c, v_s)} (standard: 0.1 and 0.2):
 * <pre>
 *   t_x = (cx - cx_a) / w_a / v_c        t_w = ln(w / w_a) / v_s
 *   t_y = (cy - cy_a) / h_a / v_c        t_h = ln(h / h_a) / v_s
 * </pre>
 * and back: {@code cx = cx_a + t_x * v_c * w_a}, {@code w = w_a * exp(t_w * v_s)} (same for y, h).
 * Dividing by the anchor size makes the offsets scale-free; the log makes width ratios symmetric
 * (twice as wide and half as wide are +c and -c); the variances scale typical offsets to about unit
 * size, which suits an L1 or smooth-L1 loss.
 *
 * <pre>{@code
 * BoxCoder coder = BoxCoder.standard();
 * float[][] t = coder.encode(anchors, boxes);   // row i: box i relative to anchor i
 * float[][] b = coder.decode(anchors, t);       // boxes again
 * }</pre>
 */
public final class BoxCoder {
    private final float centerVariance;
    private final float sizeVariance;

    /**
     * A coder with the given variances.
     *
     * @param centerVariance {@code v_c}, divides the centre offsets (0.1 in SSD)
     * @param sizeVariance {@code v_s}, divides the log size ratios (0.2 in SSD)
     */
    public BoxCoder(float centerVariance, float sizeVariance) {
        if (!(centerVariance > 0) || !(sizeVariance > 0)) {
            throw new DetectionException("variances must be positive, got (" + centerVariance + ", " + sizeVariance + ")");
        }
        this.centerVariance = centerVariance;
        this.sizeVariance = sizeVariance;
    }

    /** The usual coder, variances (0.1, 0.2). */
    public static BoxCoder standard() {
        return new BoxCoder(0.1f, 0.2f);
    }

    /** {@code v_c}. */
    public float centerVariance() {
        return centerVariance;
    }

    /** {@code v_s}. */
    public float sizeVariance() {
        return sizeVariance;
    }

    /**
     * Offsets {@code (t_x, t_y, t_w, t_h)} of {@code boxes[i]} relative to {@code anchors[i]} (both corner format).
     *
     * @throws DetectionException if the arrays differ in length, a box is malformed, or a box or anchor
     *     has zero width or height (its log size would be infinite)
     */
    public float[][] encode(float[][] anchors, float[][] boxes) {
        Boxes.validate(anchors, "anchors");
        Boxes.validate(boxes, "boxes");
        sameLength(anchors, boxes, "boxes");
        float[][] out = new float[anchors.length][];
        for (int i = 0; i < anchors.length; i++) {
            float[] a = anchors[i], b = boxes[i];
            double aw = a[2] - a[0], ah = a[3] - a[1], bw = b[2] - b[0], bh = b[3] - b[1];
            if (!(aw > 0 && ah > 0)) throw new DetectionException("anchors[" + i + "] has zero width or height");
            if (!(bw > 0 && bh > 0)) {
                throw new DetectionException("boxes[" + i + "] has zero width or height; its offsets would be infinite");
            }
            double acx = (a[0] + a[2]) / 2.0, acy = (a[1] + a[3]) / 2.0;
            double bcx = (b[0] + b[2]) / 2.0, bcy = (b[1] + b[3]) / 2.0;
            out[i] = new float[] {
                (float) ((bcx - acx) / aw / centerVariance),
                (float) ((bcy - acy) / ah / centerVariance),
                (float) (Math.log(bw / aw) / sizeVariance),
                (float) (Math.log(bh / ah) / sizeVariance)};
        }
        return out;
    }

    /**
     * Boxes (corner format) from anchors and predicted offsets, the inverse of {@link #encode}.
     *
     * @throws DetectionException if the arrays differ in length or an offset is NaN
     */
    public float[][] decode(float[][] anchors, float[][] offsets) {
        Boxes.validate(anchors, "anchors");
        if (offsets == null) throw new DetectionException("offsets is null");
        sameLength(anchors, offsets, "offsets");
        float[][] out = new float[anchors.length][];
        for (int i = 0; i < anchors.length; i++) {
            float[] a = anchors[i], t = offsets[i];
            if (t == null || t.length != 4) throw new DetectionException("offsets[" + i + "]: needs 4 numbers");
            for (float v : t) {
                if (Float.isNaN(v)) throw new DetectionException("offsets[" + i + "] contains NaN — did training diverge?");
            }
            double aw = a[2] - a[0], ah = a[3] - a[1];
            double cx = (a[0] + a[2]) / 2.0 + t[0] * centerVariance * aw;
            double cy = (a[1] + a[3]) / 2.0 + t[1] * centerVariance * ah;
            double w = aw * Math.exp(t[2] * sizeVariance), h = ah * Math.exp(t[3] * sizeVariance);
            out[i] = new float[] {(float) (cx - w / 2), (float) (cy - h / 2), (float) (cx + w / 2), (float) (cy + h / 2)};
        }
        return out;
    }

    private static void sameLength(float[][] anchors, float[][] other, String name) {
        if (anchors.length != other.length) {
            throw new DetectionException(anchors.length + " anchors but " + other.length + " " + name
                    + " — encode/decode pair row i with anchor i");
        }
    }

    @Override
    public String toString() {
        return "BoxCoder[variances " + centerVariance + ", " + sizeVariance + "]";
    }
}
