package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.detect.Anchors;
import dev.cnnlab.detect.Iou;
import dev.cnnlab.detect.Nms;

/** Exercises of notebook 09-object-detection. */
final class DetectionExercises {
    static final float[][] NMS_BOXES = {{0, 0, 10, 10}, {1, 1, 11, 11}, {20, 20, 30, 30}, {0, 0, 9, 10}};
    static final float[] NMS_SCORES = {0.6f, 0.9f, 0.5f, 0.7f};

    private DetectionExercises() {}

    static Lesson lesson() {
        return new Lesson("09-object-detection", List.of(
                new Exercise("ex1", "IoU of (0,0,2,2) and (1,1,3,3)",
                        () -> Iou.of(new float[] {0, 0, 2, 2}, new float[] {1, 1, 3, 3}), 1e-6,
                        "the boxes overlap in a 1x1 square; the union is both areas minus the overlap"),
                new Exercise("ex2", "anchors on a 4x4 feature map with 3 sizes and 2 ratios",
                        () -> Anchors.grid(4, 4).sizes(0.6f, 0.4f, 0.2f).ratios(1, 2).boxes().size(), 0,
                        "each cell gets sizes + ratios - 1 anchors"),
                new Exercise("ex3", "indices NMS keeps at IoU 0.5, highest score first",
                        () -> Nms.apply(NMS_BOXES, NMS_SCORES, 0.5f), 0,
                        "start from the highest score (index 1) and drop boxes that overlap a kept one by more than 0.5")));
    }
}
