package dev.cnnlab.data;

/**
 * One annotated object of a Pascal VOC image: its class and bounding box in pixels (VOC coordinates
 * start at 1 and include both ends).
 *
 * @param name       class name, one of {@link VocDetection#CLASSES}
 * @param classIndex index of {@code name} in {@link VocDetection#CLASSES}
 * @param xmin       left edge
 * @param ymin       top edge
 * @param xmax       right edge, {@code >= xmin}
 * @param ymax       bottom edge, {@code >= ymin}
 * @param difficult  marked difficult: by VOC convention ignored when scoring mAP
 * @param truncated  the object extends beyond the image
 */
public record VocObject(String name, int classIndex, int xmin, int ymin, int xmax, int ymax,
                        boolean difficult, boolean truncated) {
    /** Box width in pixels (both edges included). */
    public int width() {
        return xmax - xmin + 1;
    }

    /** Box height in pixels (both edges included). */
    public int height() {
        return ymax - ymin + 1;
    }
}
