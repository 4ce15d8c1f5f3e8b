package dev.cnnlab.detect;

/**
 * An axis-aligned box in corner format: top-left {@code (x1, y1)}, bottom-right {@code (x2, y2)}, with
 * {@code x1 <= x2} and {@code y1 <= y2}. Coordinates are continuous (a box from 0 to 10 is 10 wide;
 * there is no Pascal-VOC "+1"). They may be pixels or fractions of the image size; the utilities
 * never mix the two.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge
 * @param y2 bottom edge
 */
public record Box(float x1, float y1, float x2, float y2) {

    /** @throws DetectionException if a coordinate is NaN or infinite, or {@code x2 < x1} or {@code y2 < y1} */
    public Box {
        Boxes.check(x1, y1, x2, y2, "box");
    }

    /** A box from a corner array {@code {x1, y1, x2, y2}}. */
    public static Box of(float[] corners) {
        if (corners == null || corners.length != 4) {
            throw new DetectionException("a box needs 4 numbers x1,y1,x2,y2, got "
                    + (corners == null ? "null" : corners.length));
        }
        return new Box(corners[0], corners[1], corners[2], corners[3]);
    }

    /** A box from its centre and size: {@code x1 = cx - w/2, x2 = cx + w/2} (same for y). */
    public static Box ofCenter(float cx, float cy, float w, float h) {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    /** Width {@code x2 - x1}. */
    public float width() {
        return x2 - x1;
    }

    /** Height {@code y2 - y1}. */
    public float height() {
        return y2 - y1;
    }

    /** Area {@code (x2 - x1)(y2 - y1)}. */
    public float area() {
        return width() * height();
    }

    /** Centre x, {@code (x1 + x2) / 2}. */
    public float cx() {
        return (x1 + x2) / 2;
    }

    /** Centre y, {@code (y1 + y2) / 2}. */
    public float cy() {
        return (y1 + y2) / 2;
    }

    /** Intersection over union with {@code other}; see {@link Iou#of(float[], float[])}. */
    public float iou(Box other) {
        return Iou.of(toArray(), other.toArray());
    }

    /** The box with every x multiplied by {@code sx} and every y by {@code sy} (e.g. pixels to fractions). */
    public Box scale(float sx, float sy) {
        return new Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy);
    }

    /** {@code {x1, y1, x2, y2}}. */
    public float[] toArray() {
        return new float[] {x1, y1, x2, y2};
    }
}
