package dev.cnnlab.data;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A detection dataset as a detector trains on it: square RGB images of one size, and per image the objects'
 * boxes (pixel corners) and classes. {@code SyntheticDetection} and Pascal VOC
 * ({@link VocDetection#dataset}) both are one, so the detector, its training and its evaluation take either.
 */
public interface DetectionData {
    /** Number of images. */
    int size();

    /** Side of the square images in pixels. */
    int imageSize();

    /** Class names; a label is an index into it. */
    List<String> classes();

    /** All images, NCHW with 3 channels in [0, 1] (not a copy: do not modify). */
    float[] pixels();

    /** Boxes of image {@code i} in pixel corners {@code {x1, y1, x2, y2}}, one row per object (a copy). */
    float[][] boxes(int i);

    /** Classes of the objects of image {@code i} (a copy). */
    int[] labels(int i);

    /** Which objects of image {@code i} are marked difficult (VOC); none by default. Evaluation ignores them. */
    default boolean[] difficult(int i) {
        return new boolean[labels(i).length];
    }

    /** Number of classes. */
    default int numClasses() {
        return classes().size();
    }

    /** Boxes of image {@code i} divided by the image size: corners in [0, 1], the coordinates of anchors. */
    default float[][] normalisedBoxes(int i) {
        float[][] b = boxes(i);
        float s = imageSize();
        for (float[] r : b) for (int k = 0; k < 4; k++) r[k] /= s;
        return b;
    }

    /** Image {@code i} as a picture. */
    default BufferedImage image(int i) {
        int size = imageSize(), plane = size * size, off = i * 3 * plane;
        float[] px = pixels();
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int o = off + y * size + x;
                img.setRGB(x, y, (toByte(px[o]) << 16) | (toByte(px[o + plane]) << 8) | toByte(px[o + 2 * plane]));
            }
        }
        return img;
    }

    private static int toByte(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
