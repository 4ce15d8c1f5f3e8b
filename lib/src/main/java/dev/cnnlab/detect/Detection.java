package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * One predicted object: which image, which class, how confident, where.
 *
 * @param image index of the image the prediction belongs to
 * @param cls class index, in {@code [0, numClasses)} (no background class here)
 * @param score confidence; higher means more sure. Only the order of scores matters for AP
 * @param box corner box, in the same coordinates as the ground truth
 */
public record Detection(int image, int cls, float score, Box box) {

    /** @throws DetectionException if the image or class is negative, the score NaN or the box null */
    public Detection {
        if (image < 0) throw new DetectionException("detection: image index " + image + " is negative");
        if (cls < 0) throw new DetectionException("detection: class " + cls + " is negative");
        if (Float.isNaN(score)) throw new DetectionException("detection: score is NaN");
        if (box == null) throw new DetectionException("detection: box is null");
    }

    /**
     * The predictions of one image from parallel arrays (e.g. after {@link Nms}).
     *
     * @throws DetectionException naming the first bad row
     */
    static List<Detection> list(int image, float[][] boxes, int[] classes, float[] scores) {
        Boxes.validate(boxes, "boxes");
        if (classes == null || scores == null || classes.length != boxes.length || scores.length != boxes.length) {
            throw new DetectionException("image " + image + ": " + boxes.length + " boxes but "
                    + (classes == null ? 0 : classes.length) + " classes and " + (scores == null ? 0 : scores.length)
                    + " scores");
        }
        List<Detection> out = new ArrayList<>(boxes.length);
        for (int i = 0; i < boxes.length; i++) {
            try {
                out.add(new Detection(image, classes[i], scores[i], Box.of(boxes[i])));
            } catch (DetectionException e) {
                throw new DetectionException("boxes[" + i + "] of image " + image + ": " + e.getMessage());
            }
        }
        return out;
    }
}
