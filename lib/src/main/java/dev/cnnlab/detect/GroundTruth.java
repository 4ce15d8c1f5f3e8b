package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;

import dev.cnnlab.data.DetectionData;

/**
 * One annotated object.
 *
 * @param image index of the image
 * @param cls class index, in {@code [0, numClasses)}
 * @param box corner box
 * @param difficult Pascal VOC's flag for objects that are hard to recognise (tiny, heavily occluded):
 *     such an object counts neither as a positive to find nor, when a prediction matches it, as a false
 *     positive
 */
public record GroundTruth(int image, int cls, Box box, boolean difficult) {

    /** @throws DetectionException if the image or class is negative or the box null */
    public GroundTruth {
        if (image < 0) throw new DetectionException("ground truth: image index " + image + " is negative");
        if (cls < 0) throw new DetectionException("ground truth: class " + cls + " is negative");
        if (box == null) throw new DetectionException("ground truth: box is null");
    }

    /** An ordinary (not difficult) object. */
    public GroundTruth(int image, int cls, Box box) {
        this(image, cls, box, false);
    }

    /** The objects of one image from parallel arrays, none difficult. */
    static List<GroundTruth> list(int image, float[][] boxes, int[] classes) {
        Boxes.validate(boxes, "boxes");
        if (classes == null || classes.length != boxes.length) {
            throw new DetectionException("image " + image + ": " + boxes.length + " boxes but "
                    + (classes == null ? 0 : classes.length) + " classes");
        }
        List<GroundTruth> out = new ArrayList<>(boxes.length);
        for (int i = 0; i < boxes.length; i++) out.add(new GroundTruth(image, classes[i], Box.of(boxes[i])));
        return out;
    }

    /** The objects of image {@code i} of a dataset, pixel coordinates, with their difficult flags. */
    public static List<GroundTruth> of(DetectionData data, int i) {
        float[][] boxes = data.boxes(i);
        int[] classes = data.labels(i);
        boolean[] difficult = data.difficult(i);
        List<GroundTruth> out = new ArrayList<>(boxes.length);
        for (int k = 0; k < boxes.length; k++) out.add(new GroundTruth(i, classes[k], Box.of(boxes[k]), difficult[k]));
        return out;
    }

    /** The objects of every image of a dataset, for {@link MeanAveragePrecision}. */
    public static List<GroundTruth> of(DetectionData data) {
        List<GroundTruth> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) out.addAll(of(data, i));
        return out;
    }
}
