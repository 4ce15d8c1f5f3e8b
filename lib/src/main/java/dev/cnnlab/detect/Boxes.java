package dev.cnnlab.detect;

import java.util.List;

/**
 * Box formats and conversions on plain arrays, one box per row ({@code float[n][4]}).
 * <ul>
 *   <li><b>corner</b> {@code (x1, y1, x2, y2)}: top-left and bottom-right corners (the format used
 *       everywhere else in this package);</li>
 *   <li><b>centre</b> {@code (cx, cy, w, h)}: {@code cx = (x1 + x2)/2, cy = (y1 + y2)/2, w = x2 - x1,
 *       h = y2 - y1} (the format offsets are computed in, see {@link BoxCoder});</li>
 *   <li><b>xywh</b> {@code (x, y, w, h)}: top-left corner and size (COCO annotation files):
 *       {@code x = x1, y = y1, w = x2 - x1, h = y2 - y1}.</li>
 * </ul>
 * Every conversion returns new arrays and leaves its input untouched; converting there and back gives
 * the input again (up to float rounding).
 */
public final class Boxes {
    private Boxes() {}

    /** Corner to centre: {@code (x1,y1,x2,y2) -> ((x1+x2)/2, (y1+y2)/2, x2-x1, y2-y1)}. */
    public static float[][] cornerToCenter(float[][] corners) {
        float[][] out = new float[rows(corners, "corners").length][];
        for (int i = 0; i < out.length; i++) out[i] = cornerToCenter(row(corners, i, "corners"));
        return out;
    }

    /** One box, corner to centre. */
    public static float[] cornerToCenter(float[] b) {
        return new float[] {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, b[2] - b[0], b[3] - b[1]};
    }

    /** Centre to corner: {@code (cx,cy,w,h) -> (cx-w/2, cy-h/2, cx+w/2, cy+h/2)}. */
    public static float[][] centerToCorner(float[][] centers) {
        float[][] out = new float[rows(centers, "centers").length][];
        for (int i = 0; i < out.length; i++) out[i] = centerToCorner(row(centers, i, "centers"));
        return out;
    }

    /** One box, centre to corner. */
    public static float[] centerToCorner(float[] c) {
        return new float[] {c[0] - c[2] / 2, c[1] - c[3] / 2, c[0] + c[2] / 2, c[1] + c[3] / 2};
    }

    /** Corner to xywh: {@code (x1,y1,x2,y2) -> (x1, y1, x2-x1, y2-y1)}. */
    public static float[][] cornerToXywh(float[][] corners) {
        float[][] out = new float[rows(corners, "corners").length][];
        for (int i = 0; i < out.length; i++) {
            float[] b = row(corners, i, "corners");
            out[i] = new float[] {b[0], b[1], b[2] - b[0], b[3] - b[1]};
        }
        return out;
    }

    /** Xywh to corner: {@code (x,y,w,h) -> (x, y, x+w, y+h)}. */
    public static float[][] xywhToCorner(float[][] xywh) {
        float[][] out = new float[rows(xywh, "xywh").length][];
        for (int i = 0; i < out.length; i++) {
            float[] b = row(xywh, i, "xywh");
            out[i] = new float[] {b[0], b[1], b[0] + b[2], b[1] + b[3]};
        }
        return out;
    }

    /** Area of each corner box, {@code (x2-x1)(y2-y1)}. */
    public static float[] areas(float[][] corners) {
        float[] a = new float[rows(corners, "corners").length];
        for (int i = 0; i < a.length; i++) {
            float[] b = row(corners, i, "corners");
            a[i] = (b[2] - b[0]) * (b[3] - b[1]);
        }
        return a;
    }

    /** Every x times {@code sx}, every y times {@code sy}; e.g. {@code scale(b, 1f/width, 1f/height)} for fractions. */
    public static float[][] scale(float[][] corners, float sx, float sy) {
        float[][] out = new float[rows(corners, "corners").length][];
        for (int i = 0; i < out.length; i++) {
            float[] b = row(corners, i, "corners");
            out[i] = new float[] {b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy};
        }
        return out;
    }

    /** Corners clipped into {@code [lo, hi]} (e.g. {@code [0, 1]} for anchors that poke out of the image). */
    public static float[][] clip(float[][] corners, float lo, float hi) {
        float[][] out = new float[rows(corners, "corners").length][4];
        for (int i = 0; i < out.length; i++) {
            float[] b = row(corners, i, "corners");
            for (int k = 0; k < 4; k++) out[i][k] = Math.max(lo, Math.min(hi, b[k]));
        }
        return out;
    }

    /** The boxes as a {@code float[n][4]} corner array. */
    public static float[][] toArray(List<Box> boxes) {
        float[][] out = new float[boxes.size()][];
        for (int i = 0; i < out.length; i++) out[i] = boxes.get(i).toArray();
        return out;
    }

    /** Each row of a corner array as a {@link Box} (which validates it). */
    public static List<Box> toBoxes(float[][] corners) {
        validate(corners, "boxes");
        Box[] out = new Box[corners.length];
        for (int i = 0; i < out.length; i++) out[i] = Box.of(corners[i]);
        return List.of(out);
    }

    /**
     * Checks corner boxes: 4 numbers per row, none NaN or infinite, {@code x1 <= x2}, {@code y1 <= y2}.
     *
     * @param name how the message calls the array, e.g. {@code "predictions"} gives {@code "predictions[3]: ..."}
     * @throws DetectionException naming the first bad row and what is wrong with it
     */
    public static void validate(float[][] corners, String name) {
        rows(corners, name);
        for (int i = 0; i < corners.length; i++) {
            float[] b = row(corners, i, name);
            check(b[0], b[1], b[2], b[3], name + "[" + i + "]");
        }
    }

    static void check(float x1, float y1, float x2, float y2, String what) {
        if (!Float.isFinite(x1) || !Float.isFinite(y1) || !Float.isFinite(x2) || !Float.isFinite(y2)) {
            throw new DetectionException(what + ": coordinates must be finite numbers, got (" + x1 + ", " + y1
                    + ", " + x2 + ", " + y2 + ")");
        }
        if (x2 < x1) {
            throw new DetectionException(what + ": x2 (" + x2 + ") < x1 (" + x1
                    + ") — boxes are corners x1,y1,x2,y2 (is it in x,y,w,h format? use Boxes.xywhToCorner)");
        }
        if (y2 < y1) {
            throw new DetectionException(what + ": y2 (" + y2 + ") < y1 (" + y1
                    + ") — boxes are corners x1,y1,x2,y2 (is it in x,y,w,h format? use Boxes.xywhToCorner)");
        }
    }

    private static float[][] rows(float[][] boxes, String name) {
        if (boxes == null) throw new DetectionException(name + " is null");
        return boxes;
    }

    private static float[] row(float[][] boxes, int i, String name) {
        float[] b = boxes[i];
        if (b == null || b.length != 4) {
            throw new DetectionException(name + "[" + i + "]: a box needs 4 numbers, got "
                    + (b == null ? "null" : b.length));
        }
        return b;
    }
}
